import type { Letterhead, SettingsView } from '../../../main/contract';
import { FieldMessages, useFieldIds } from '../../components/FieldMessages';
import { TextField } from '../../components/TextField';
import { de } from '../../strings';

const t = de.pages.einstellungen;

/** The settings of the office beyond the letterhead: its Land, court and data-protection facts, how letters are signed. */
export type OfficeKey = 'land' | 'administrativeCourt' | 'dpoContact' | 'retention' | 'signatureMode';

interface Props {
  letterhead: Letterhead;
  lands: SettingsView['lands'];
  errors: Record<string, string>;
  onChange: (key: OfficeKey, value: string) => void;
}

function Select({ name, label, help, error, value, options, onChange }: { name: string; label: string; help?: string; error?: string; value: string; options: { value: string; label: string }[]; onChange: (v: string) => void }) {
  const { id, helpId, errorId, describedBy } = useFieldIds(help, error);
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} aria-invalid={error ? true : undefined} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldMessages help={help} error={error} helpId={helpId} errorId={errorId} />
    </div>
  );
}

export function OfficeSettings({ letterhead, lands, errors, onChange }: Props) {
  const text = (key: 'administrativeCourt' | 'dpoContact' | 'retention', help: string) => (
    <TextField name={`letterhead.${key}`} label={t.office[key]} help={help} rows={2} value={letterhead[key]} error={errors[`letterhead.${key}`]} onChange={(v) => onChange(key, v)} />
  );
  return (
    <fieldset>
      <legend>{t.officeSection}</legend>
      <div className="field-grid">
        <Select
          name="letterhead.land"
          label={t.office.land}
          help={t.office.landHelp}
          error={errors['letterhead.land']}
          value={letterhead.land}
          options={[{ value: '', label: t.office.landNone }, ...lands.map((land) => ({ value: land.code, label: land.name }))]}
          onChange={(v) => onChange('land', v)}
        />
        <Select
          name="letterhead.signatureMode"
          label={t.office.signatureMode}
          error={errors['letterhead.signatureMode']}
          value={letterhead.signatureMode}
          options={[
            { value: 'signed', label: t.office.signed },
            { value: 'machine', label: t.office.machine },
          ]}
          onChange={(v) => onChange('signatureMode', v)}
        />
        {text('administrativeCourt', t.office.administrativeCourtHelp)}
        {text('dpoContact', t.office.dpoContactHelp)}
        {text('retention', t.office.retentionHelp)}
      </div>
    </fieldset>
  );
}
