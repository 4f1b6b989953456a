import { useId } from 'react';

/** Ids for a field, its help and its error, and the aria-describedby that announces them with it (WCAG 3.3.1). */
export function useFieldIds(help: string | undefined, error: string | undefined) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [help ? helpId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return { id, helpId, errorId, describedBy };
}

/** The help text and the error message under a field. */
export function FieldMessages({ help, error, helpId, errorId }: { help?: string; error?: string; helpId: string; errorId: string }) {
  return (
    <>
      {help && (
        <p id={helpId} className="field__help">
          {help}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </>
  );
}
