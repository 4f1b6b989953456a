import { calls, type ApiError, type CallName, type Result } from './contract';
import type { Core } from './core';
import { AppError, INTERNAL_ERROR_MESSAGE } from './errors';
import { storageError, storageFault } from './db/sqlite-errors';
import { fieldMessages } from './validate';

const isCallName = (name: unknown): name is CallName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);

/**
 * The one path from outside (IPC, the browser bridge of the tests) into the
 * core: validates the call name and its argument against the contract, runs
 * it, and turns every failure into an error object. Never throws.
 */
export async function dispatch(core: Core, name: unknown, arg: unknown): Promise<Result<unknown>> {
  if (!isCallName(name)) {
    core.log.warn('unknown call rejected', { name: String(name) });
    return failure({ code: 'invalid_argument', message: 'Unbekannte Anfrage an den Programmkern.' });
  }
  const parsed = calls[name].arg.safeParse(arg);
  if (!parsed.success) {
    core.log.warn('call argument rejected', { name, issues: parsed.error.issues });
    return failure({ code: 'invalid_argument', message: 'Die Anfrage enthält ungültige Angaben.', fields: fieldMessages(parsed.error) });
  }
  try {
    const method = core[name] as (a: unknown) => Promise<unknown>;
    return { ok: true, value: await method(parsed.data) };
  } catch (error) {
    if (error instanceof AppError) {
      core.log.warn('call failed', { name, code: error.code, error });
      return failure(error.toApiError());
    }
    if (storageFault(error)) {
      // Not a bug: the database is busy, full, read-only or damaged, and the clerk is told which.
      const explained = storageError(error, { operation: name });
      core.log.warn('call failed on storage', { name, code: explained.code, error });
      return failure(explained.toApiError());
    }
    core.log.error('call crashed', { name, error });
    return failure({ code: 'internal', message: INTERNAL_ERROR_MESSAGE });
  }
}

const failure = (error: ApiError): Result<never> => ({ ok: false, error });
