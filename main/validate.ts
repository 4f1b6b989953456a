import type { z } from 'zod';
import { AppError } from './errors';

/** One German message per field, keyed by its dotted path. */
export function fieldMessages(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '(Argument)';
    if (!(key in fields)) fields[key] = issue.message;
  }
  return fields;
}

/** Validates untrusted input; the error lists every field in German. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = fieldMessages(parsed.error);
  const list = Object.entries(fields)
    .map(([key, message]) => `${key}: ${message}`)
    .join('; ');
  throw new AppError('invalid_argument', `${what} ist ungültig – ${list}`, {
    fields,
    detail: `invalid ${what}: ${JSON.stringify(parsed.error.issues)}`,
  });
}
