import type { ApiError, Api, Result } from '../main/contract';

/** The bridge, or undefined when the page runs without one (opened directly in a browser). */
export function getApi(): Api | undefined {
  return typeof window !== 'undefined' ? window.api : undefined;
}

/** Turns a rejected promise (a broken bridge) into the same error shape as a failed call. */
export async function callSafely<T>(promise: Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await promise;
  } catch (error) {
    const apiError: ApiError = { code: 'internal', message: `Verbindung zum Programmkern unterbrochen: ${String(error)}` };
    return { ok: false, error: apiError };
  }
}
