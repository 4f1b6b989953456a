/**
 * The parse thread: reads one file at a time for ParseThread (see
 * parse-thread.ts) and posts back what parseFile made of it, or why it
 * could not. It holds nothing between files; the main thread ends it when
 * a file takes too long, needs too much memory, or the job is cancelled.
 */
import { parentPort } from 'node:worker_threads';
import { parseFile } from './parse-file';
import type { ParseReply, ParseRequest } from './parse-thread';
import { FileError } from '../file-error';

const port = parentPort!;
const post = (reply: ParseReply) => port.postMessage(reply);

function failure(id: number, error: unknown): ParseReply {
  if (error instanceof FileError) return { kind: 'failed', id, reason: error.reason, detail: error.message };
  const { name, message, code } = error instanceof Error ? (error as Error & { code?: unknown }) : { name: 'Error', message: String(error), code: undefined };
  return { kind: 'error', id, name, message, ...(typeof code === 'string' ? { code } : {}) };
}

port.on('message', (request: ParseRequest) => {
  parseFile(request.kind, request.bytes, request.fallbackTitle, request.limits).then(
    (file) => {
      try {
        post({ kind: 'parsed', id: request.id, file });
      } catch (error) {
        post(failure(request.id, error));
      }
    },
    (error: unknown) => post(failure(request.id, error)),
  );
});
post({ kind: 'ready' });
