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
}

/** A labelled input whose help and error are announced with it (BITV 2.0 / WCAG 3.3.1). */
export function TextField({ label, value, onChange, help, error, type = 'text', placeholder, list, name, autoComplete = 'off' }: TextFieldProps) {
  const { id, helpId, errorId, describedBy } = useFieldIds(help, error);
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        placeholder={placeholder}
        list={list}
        autoComplete={autoComplete}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldMessages help={help} error={error} helpId={helpId} errorId={errorId} />
    </div>
  );
}
