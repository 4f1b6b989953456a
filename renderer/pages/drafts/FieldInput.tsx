import type { AddressValue, AiFieldMark, FieldValue, TemplateField } from '../../../main/contract';
import { FieldMessages, useFieldIds } from '../../components/FieldMessages';
import { de } from '../../strings';
import { germanDate } from './format';

const t = de.pages.entwuerfe;
const SALUTATIONS = ['Frau', 'Herr', ''] as const satisfies readonly NonNullable<AddressValue['salutation']>[];
const PERSON_PARTS = ['title', 'firstName', 'lastName'] as const;
const ADDRESS_PARTS = ['organisation', 'extra', 'street', 'postalCode', 'city', 'country'] as const;

interface Props {
  field: TemplateField;
  value: FieldValue | undefined;
  error: string | undefined;
  ai: AiFieldMark | undefined;
  onChange: (value: FieldValue) => void;
  onBlur: () => void;
}

function AiBadge({ ai }: { ai: AiFieldMark | undefined }) {
  if (!ai) return null;
  return (
    <>
      <span className={`flag ai-flag${ai.editedAt ? '' : ' ai-flag--fresh'}`}>{ai.editedAt ? t.aiEdited(ai.model) : t.aiWritten(ai.model)}</span>
      {ai.evidence && !ai.editedAt && <span className="ai-evidence">{t.assist.evidence(ai.evidence)}</span>}
    </>
  );
}

/** One field of the template's form, with its help and its error announced with it (WCAG 3.3.1). */
export function FieldInput({ field, value, error, ai, onChange, onBlur }: Props) {
  const help = field.help || (field.type === 'date' ? t.dateHelp : field.type === 'amount' ? t.amountHelp : '');
  const { id, helpId, errorId, describedBy } = useFieldIds(help, error);
  const common = {
    id,
    name: field.id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': field.required || undefined,
    onBlur,
  };
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  const footer = <FieldMessages help={help} error={error} helpId={helpId} errorId={errorId} />;

  if (field.type === 'person' || field.type === 'address') {
    const parts: AddressValue = value && typeof value === 'object' ? value : {};
    const set = (key: keyof AddressValue, v: string) => onChange({ ...parts, [key]: v });
    const keys = field.type === 'person' ? PERSON_PARTS : [...PERSON_PARTS, ...ADDRESS_PARTS];
    return (
      <fieldset className={`field field--group${error ? ' field--invalid' : ''}${ai ? ' field--ai' : ''}`} aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
        <legend>
          {field.label}
          {field.required && <span className="required-mark"> ({t.required})</span>} <AiBadge ai={ai} />
        </legend>
        <div className="field-grid">
          <label className="subfield">
            {t.person.salutation}
            <select value={parts.salutation ?? ''} onChange={(e) => set('salutation', e.target.value)} onBlur={onBlur}>
              {SALUTATIONS.map((s) => (
                <option key={s} value={s}>
                  {t.salutations[s]}
                </option>
              ))}
            </select>
          </label>
          {keys.map((key) => (
            <label key={key} className="subfield">
              {t.person[key]}
              <input value={parts[key] ?? ''} autoComplete="off" onChange={(e) => set(key, e.target.value)} onBlur={onBlur} />
            </label>
          ))}
        </div>
        {footer}
      </fieldset>
    );
  }

  let control;
  if (field.type === 'multiline') {
    control = <textarea {...common} rows={5} value={text} onChange={(e) => onChange(e.target.value)} />;
  } else if (field.type === 'choice') {
    control = (
      <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t.choose}</option>
        {field.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else {
    const shown = field.type === 'date' ? germanDate(text) : text;
    control = <input {...common} type="text" autoComplete="off" placeholder={field.type === 'date' ? 'TT.MM.JJJJ' : undefined} value={shown} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <div className={`field${error ? ' field--invalid' : ''}${ai ? ' field--ai' : ''}`}>
      <label htmlFor={id}>
        {field.label}
        {field.required && <span className="required-mark"> ({t.required})</span>}
      </label>
      <AiBadge ai={ai} />
      {control}
      {footer}
    </div>
  );
}
