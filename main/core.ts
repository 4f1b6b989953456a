/**
 * The composition root: builds every store and service from a data
 * directory, wires them, and returns the calls of each capability (their
 * `calls.ts`) spread into one object that is exactly the contract. No call
 * is implemented here. The CLI, the Electron shell and the tests all start
 * the core this way.
 */
import type Database from 'better-sqlite3';
import { settingsSchema, type CoreCalls, type EventName, type Events, type IndexProgress, type Settings } from './contract';
import { appCalls, DatabaseHealth } from './app-calls';
import { openDatabaseChecked } from './db/open';
import { recoverySentences, runScheduledRepair } from './db/recover';
import { schemaVersionOf } from './db/migrate';
import { EventHub } from './events';
import { documentCalls } from './ingest/calls';
import { embeddingCalls } from './ingest/embedding-calls';
import { Indexer } from './ingest/indexer';
import { IndexWriterThread } from './index/index-writer';
import { JobLock } from './index/job-lock';
import { ParseThread } from './ingest/parse-thread';
import { FolderWatcher } from './ingest/watcher';
import { createFileLogger, silentLogger, type Logger } from './log';
import { ollamaCalls } from './llm/calls';
import { OllamaService } from './llm/service';
import { databaseFile, indexLockFile, logFile } from './paths';
import { HEADLESS_PLATFORM, type Platform } from './platform';
import { Answerer } from './research/answer';
import { researchCalls } from './research/calls';
import { DraftAssistant } from './drafting/assist';
import { Grounding } from './grounding/ground';
import { ModelFacts } from './grounding/model-facts';
import { draftingCalls } from './drafting/calls';
import { defaultTemplatesDir, TemplateLibrary } from './drafting/index';
import { ConversationStore } from './research/conversations';
import { searchCalls } from './search/calls';
import { IndexStore } from './index/index-store';
import { LexicalSearch } from './search/search';
import { VectorStore } from './index/vectors';
import { DEFAULT_SETTINGS } from './settings/defaults';
import { settingsCalls } from './settings/calls';
import { SettingsStore } from './settings/store';
import { APP_VERSION } from './version';

/** Embedding a batch of chunks on a CPU can take a while; a query is one short text. */
const EMBED_TIMEOUT_MS = 120_000;
/** A query waits at most this long for its vector (the first call may load the model), then searches lexically. */
const QUERY_EMBED_TIMEOUT_MS = 20_000;

export type { Platform } from './platform';

export interface CoreOptions {
  dataDir: string;
  /** Defaults for settings that have not been saved yet. */
  settings?: Partial<Settings>;
  /** Where OLLAMA_HOST is read from; process.env unless a test says otherwise. */
  env?: Record<string, string | undefined>;
  logger?: Logger;
  ollamaTimeoutMs?: number;
  /** Longest silence of a chat model while it answers (tests make it short). */
  chatIdleTimeoutMs?: number;
  /** Whether the chat model rewrites a question into official terms before retrieval (default on; the bench measures both). */
  rewriteQuestions?: boolean;
  /** better-sqlite3 binary for another runtime (Electron in development). */
  nativeBinding?: string;
  /**
   * Chunk text an indexing job writes on the main thread before writing
   * moves to a second thread (default WRITE_POLICY.writerThreadAfterChars, 8 MB);
   * 0: from the first batch; Infinity: never.
   */
  writerThreadAfterChars?: number;
  /** How long a statement waits for another process's write (default 5 s; the CLI waits longer). */
  busyTimeoutMs?: number;
  /** What only the desktop can do (dialogs, opening a file, restarting): given by the desktop shell; HEADLESS_PLATFORM unless told. */
  platform?: Platform;
  /** The shipped letter templates (default: templates/ of the app). */
  templatesDir?: string;
  /** Watch the indexed folders and re-index changes (the desktop app; not the CLI). */
  watch?: boolean;
}

export interface Core extends CoreCalls {
  readonly dataDir: string;
  readonly log: Logger;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /** Resolves when every indexing job started so far has finished. */
  idle(): Promise<void>;
  close(): void;
}

function fileLoggerOrSilent(file: string): Logger {
  try {
    return createFileLogger(file);
  } catch {
    return silentLogger;
  }
}

export function createCore(options: CoreOptions): Core {
  const { dataDir } = options;
  const env = options.env ?? process.env;
  const platform = options.platform ?? HEADLESS_PLATFORM;
  // A data folder that cannot be written cannot hold the log either: the database's open below says why, in German.
  const log = options.logger ?? fileLoggerOrSilent(logFile(dataDir));
  const defaults = settingsSchema.parse({
    ...DEFAULT_SETTINGS,
    ...options.settings,
    letterhead: { ...DEFAULT_SETTINGS.letterhead, ...options.settings?.letterhead },
  });

  // A repair the app asked for runs before the database is opened; then the database is opened, refused with its reason, or checked.
  const repaired = runScheduledRepair(databaseFile(dataDir), { log, nativeBinding: options.nativeBinding });
  const opened = openDatabaseChecked(databaseFile(dataDir), { nativeBinding: options.nativeBinding, log, check: 'auto', busyTimeoutMs: options.busyTimeoutMs });
  const db: Database.Database = opened.db;
  const health = new DatabaseHealth(db, log, opened.health);
  const settings = new SettingsStore(db, defaults, log);
  const events = new EventHub();
  const ollama = new OllamaService({
    settings: () => settings.read(),
    env,
    log,
    timeoutMs: options.ollamaTimeoutMs,
    onPullProgress: (progress) => events.emit('pullProgress', progress),
  });
  const vectors = new VectorStore(db, log);
  const index = new IndexStore(db, (ids) => vectors.deleteChunks(ids));
  const embedderWith = (timeoutMs: number) => () => ollama.embedder(timeoutMs);
  const lexical = new LexicalSearch(db, index);
  lexical.onThesaurusError = (error) => log.error('thesaurus data could not be read; searching without its synonyms', { error });
  let writerThread: IndexWriterThread | null = null;
  let writerThreadFailed = false;
  const onIndexProgress = (progress: IndexProgress) => {
    events.emit('indexProgress', progress);
    if (progress.phase === 'done' || progress.phase === 'cancelled' || progress.phase === 'failed') {
      // The job's words are counted (and flushed) by now: the search's term estimates catch up before the next query.
      lexical.prepare();
      if (progress.phase === 'failed') health.recheck();
      // A writer thread lives for one large job: its memory (heap, page cache) goes back when the job is over.
      writerThread?.close();
      writerThread = null;
    }
  };
  /** Started when a job grows large (see Indexer); once one has failed, jobs write on this thread. */
  const writer = (start: boolean) => {
    if (writerThreadFailed) return null;
    if (writerThread && !writerThread.alive) {
      writerThreadFailed = true;
      log.warn('writer thread unavailable; indexing writes on the main thread');
      return null;
    }
    if (start && !writerThread) {
      try {
        writerThread = new IndexWriterThread({ file: databaseFile(dataDir), nativeBinding: options.nativeBinding }, log);
      } catch (error) {
        writerThreadFailed = true;
        log.warn('writer thread could not start; indexing writes on the main thread', { error });
      }
    }
    return writerThread;
  };
  const jobLock = new JobLock(indexLockFile(dataDir), log);
  // Counts of a job that died before saving them are rebuilt now, unless another process's job is still writing.
  // Not on a damaged index: reading its chunks would fail, and the app must start to offer the repair.
  if (!jobLock.heldElsewhere() && health.report?.state !== 'damaged') {
    const vocabulary = index.syncVocabulary();
    if (vocabulary !== 'current') log.info(`vocabulary ${vocabulary} at start`, { words: index.vocabulary.size });
  }
  const parseThread = new ParseThread({ log });
  const indexer = new Indexer({
    store: index,
    log,
    emit: onIndexProgress,
    embedder: embedderWith(EMBED_TIMEOUT_MS),
    vectors,
    writer,
    policy: { writerThreadAfterChars: options.writerThreadAfterChars },
    lock: jobLock,
    parse: parseThread.parseWhereNeeded,
  });
  const watcher = options.watch ? new FolderWatcher(log, (folder) => indexer.start({ folders: [folder] })) : null;
  log.info('core started', { dataDir, version: APP_VERSION, schemaVersion: schemaVersionOf(db) });
  // After a repair the index is empty: it is rebuilt from the folders at once.
  if (repaired && 'report' in repaired && index.folders().length > 0) indexer.start({ folders: index.folders() });
  const repairNotice = repaired ? ('report' in repaired ? recoverySentences(repaired.report).join(' ') : `Die Reparatur der Datenbank ist fehlgeschlagen: ${repaired.error.userMessage}`) : null;

  const search = searchCalls(index, lexical, { vectors, embedder: embedderWith(QUERY_EMBED_TIMEOUT_MS), log });
  const conversations = new ConversationStore(db);
  const chat = () => ollama.chatModel();
  // One grounding and one cache of the chat model's facts for every call that asks the model with sources.
  const grounding = new Grounding({
    search: (arg) => search.search(arg),
    sections: index,
    analyzer: () => index.analyzer,
    stats: () => lexical,
    log,
  });
  const models = new ModelFacts((host) => ollama.client(host));
  const answerer = new Answerer({
    grounding,
    models,
    analyzer: () => index.analyzer,
    conversations,
    chat,
    rewrite: options.rewriteQuestions,
    emit: (event) => events.emit('answerStream', event),
    log,
    requestTimeoutMs: ollama.timeoutMs,
    idleTimeoutMs: options.chatIdleTimeoutMs,
  });
  const { cancelAll: cancelDrafting, ...drafting } = draftingCalls({
    db,
    library: new TemplateLibrary(options.templatesDir ?? defaultTemplatesDir(), dataDir),
    dataDir,
    letterhead: () => settings.read().letterhead,
    assistant: new DraftAssistant({
      grounding,
      models,
      chat,
      log,
      requestTimeoutMs: ollama.timeoutMs,
      idleTimeoutMs: options.chatIdleTimeoutMs,
    }),
    platform,
    log,
  });
  const embedding = embeddingCalls({ indexer, vectors, embeddingModel: () => settings.read().embeddingModel });
  const syncWatcher = () => watcher?.sync(index.folders());
  syncWatcher();

  return {
    dataDir,
    log,
    on: (event, listener) => events.on(event, listener),
    idle: () => indexer.idle(),

    ...appCalls({ dataDir, db, health, repairNotice, platform, log }),
    ...settingsCalls({
      store: settings,
      ollamaHost: () => ollama.host(),
      changed: (view) => events.emit('settingsChanged', view),
      embeddingModelChanged: () => embedding.startEmbedding(),
      log,
    }),
    ...ollamaCalls({ ollama }),
    ...embedding,
    ...documentCalls({ db, store: index, indexer, platform, assertWritable: () => health.assertWritable(), foldersChanged: syncWatcher }),
    ...search,
    ...researchCalls({ answerer, conversations, platform, log }),
    ...drafting,

    close() {
      indexer.cancelAll();
      parseThread.close();
      ollama.close();
      answerer.cancelAll();
      cancelDrafting();
      writerThread?.close();
      void watcher?.close();
      if (db.open) db.close();
      log.info('core closed', { dataDir });
    },
  };
}
