import type { ApiError, ErrorCode } from './contract';

/**
 * An error the core expects and can explain: a code for programs and a
 * German message for the clerk. Anything else that escapes a call is a bug
 * and is reported as "internal".
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly fields?: Record<string, string>;

  constructor(code: ErrorCode, userMessage: string, options?: { cause?: unknown; fields?: Record<string, string>; detail?: string }) {
    super(options?.detail ?? userMessage, { cause: options?.cause });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = userMessage;
    this.fields = options?.fields;
  }

  toApiError(): ApiError {
    return this.fields ? { code: this.code, message: this.userMessage, fields: this.fields } : { code: this.code, message: this.userMessage };
  }
}

export const INTERNAL_ERROR_MESSAGE =
  'Ein unerwarteter Fehler ist aufgetreten. Die Einzelheiten stehen in der Protokolldatei.';
