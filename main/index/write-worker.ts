/**
 * The writer thread: writes analysed documents into the index on its own
 * connection while the main thread analyses the next ones (see
 * index-writer.ts). It holds no vocabulary and decides nothing: it runs
 * DocumentWriter and reports each document's outcome.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open';
import type { Logger } from '../log';
import { DocumentWriter } from './document-writer';
import { VectorStore } from './vectors';
import type { WriterData, WriterReply, WriterRequest } from './index-writer';

const port = parentPort!;
const post = (reply: WriterReply) => port.postMessage(reply);
const message = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));
/** SQLite's error code beside the text: the main thread tells a full disk from a bad document by it (see write-fault.ts). */
const failure = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? { error: message(error), code } : { error: message(error) };
};

const log: Logger = {
  debug: () => {},
  info: () => {},
  warn: (text, data) => post({ kind: 'log', level: 'warn', message: text, detail: data?.error === undefined ? undefined : message(data.error) }),
  error: (text, data) => post({ kind: 'log', level: 'error', message: text, detail: data?.error === undefined ? undefined : message(data.error) }),
};

const { file, nativeBinding, closed } = workerData as WriterData;
/** This thread holds no connection any more: a main thread waiting in IndexWriterThread.close goes on. */
const released = () => {
  const flag = new Int32Array(closed);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
};
try {
  const db = openDatabase(file, { nativeBinding });
  const vectors = new VectorStore(db, log);
  const writer = new DocumentWriter(
    db,
    (ids) => vectors.deleteChunks(ids),
    // The main thread counted the words of another version than the one stored now: it must decide, so this document fails.
    (id) => {
      throw new Error(`document ${id} was replaced by someone else while this version was being analysed`);
    },
  );
  port.on('message', (request: WriterRequest) => {
    if (request.kind === 'close') {
      try {
        db.close();
      } finally {
        released();
        port.close();
      }
      return;
    }
    try {
      if (request.kind === 'optimize') {
        writer.optimize();
        post({ kind: 'optimized', id: request.id });
        return;
      }
      const results = writer.write(request.rows).map((r) => (r instanceof Error ? failure(r) : r));
      post({ kind: 'written', id: request.id, results });
    } catch (error) {
      post({ kind: 'failed', id: request.id, ...failure(error) });
    }
  });
  post({ kind: 'ready' });
} catch (error) {
  post({ kind: 'fatal', ...failure(error) });
  released();
  port.close();
}
