import { FieldMessages, useFieldIds } from './FieldMessages';

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  help?: string;
  error?: string;
  type?: 'text' | 'email' | 'tel' | 'url';
  placeholder?: string;
  list?: string;
  name: string;
  autoComplete?: string;
  /** A multi-line field (textarea) of this many rows. */
  rows?: number;
}

/** A labelled input (or textarea, with `rows`) whose help and error are announced with it (BITV 2.0 / WCAG 3.3.1). */
export function TextField({ label, value, onChange, help, error, type = 'text', placeholder, list, name, autoComplete = 'off', rows }: TextFieldProps) {
  const { id, helpId, errorId, describedBy } = useFieldIds(help, error);
  const common = { id, name, value, placeholder, autoComplete, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy };
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {rows ? (
        <textarea {...common} rows={rows} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...common} type={type} list={list} onChange={(event) => onChange(event.target.value)} />
      )}
      <FieldMessages help={help} error={error} helpId={helpId} errorId={errorId} />
    </div>
  );
}
