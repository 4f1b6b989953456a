/* What a call returns: its value, or an error with a code for programs and a German message for people. */

export const ERROR_CODES = [
  'invalid_argument',
  'not_found',
  'unavailable',
  'timeout',
  'cancelled',
  'db_too_new',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** What a failed call returns: a code for programs, a German message for people. */
export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Per-field German messages, keyed by the field's path (e.g. "letterhead.email"). */
  fields?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };
