import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { CoreCalls, DocumentInfo, FolderInfo } from '../contract';
import { AppError } from '../errors';
import { metaOfRow, type DocumentRow, type IndexStore } from '../index/index-store';
import type Database from 'better-sqlite3';
import type { Platform } from '../platform';
import { kindOf } from './formats';
import type { Indexer } from './indexer';

interface DocumentCallsOptions {
  db: Database.Database;
  store: IndexStore;
  indexer: Indexer;
  /** The folder dialog and "open with the system's program"; without them the calls say so in German. */
  platform: Pick<Platform, 'chooseFolder' | 'openPath'>;
  /** Throws when the database may not be written now (damaged): checked before a folder is added or indexed. */
  assertWritable?: () => void;
  /** After a folder was added or removed (the desktop's watcher follows the list). */
  foldersChanged?: () => void;
}

type DocumentCalls = Pick<CoreCalls, 'listFolders' | 'addFolder' | 'removeFolder' | 'chooseFolder' | 'startIndexing' | 'cancelIndexing' | 'listDocuments' | 'openOriginal'>;

/** The file's real path when it still exists as a regular file, else null. */
async function existingFile(path: string): Promise<string | null> {
  try {
    const real = await realpath(path);
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

const inside = (child: string, parent: string) => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
};

export function documentCalls(options: DocumentCallsOptions): DocumentCalls {
  const { db, store, indexer, platform } = options;
  const assertWritable = options.assertWritable ?? (() => {});
  const foldersChanged = options.foldersChanged ?? (() => {});
  const folderStats = db.prepare<[], { folder_id: number; documents: number; chunks: number; problems: number; unsupported: number }>(
    `SELECT folder_id,
            sum(status = 'indexed') AS documents,
            sum(chunks) AS chunks,
            sum(status IN ('error', 'scan')) AS problems,
            sum(status = 'unsupported') AS unsupported
     FROM documents GROUP BY folder_id`,
  );
  const allDocuments = db.prepare<[], DocumentRow>('SELECT * FROM documents ORDER BY path');

  const listFolders = async (): Promise<FolderInfo[]> => {
    const stats = new Map(folderStats.all().map((s) => [s.folder_id, s]));
    return store.folders().map((f) => {
      const s = stats.get(f.id);
      return { id: f.id, path: f.path, addedAt: f.added_at, documents: s?.documents ?? 0, chunks: s?.chunks ?? 0, problems: s?.problems ?? 0, unsupported: s?.unsupported ?? 0 };
    });
  };

  const folderOrThrow = (id: number) => {
    const folder = store.folders().find((f) => f.id === id);
    if (!folder) throw new AppError('not_found', 'Dieser Ordner ist nicht (mehr) in der Liste.');
    return folder;
  };

  return {
    listFolders,

    async addFolder({ path: input }) {
      assertWritable();
      const path = resolve(input);
      let info;
      try {
        info = await stat(path);
      } catch (cause) {
        throw new AppError('invalid_argument', `Der Ordner „${path}“ existiert nicht oder ist nicht erreichbar.`, { cause, fields: { path: 'Ordner nicht gefunden.' } });
      }
      if (!info.isDirectory()) throw new AppError('invalid_argument', `„${path}“ ist kein Ordner.`, { fields: { path: 'Bitte einen Ordner wählen, keine Datei.' } });
      const existing = store.folderByPath(path);
      const overlapping = store.folders().find((f) => f.path !== path && (inside(path, f.path) || inside(f.path, path)));
      if (overlapping) {
        throw new AppError('invalid_argument', `Der Ordner überschneidet sich mit dem bereits hinzugefügten Ordner „${overlapping.path}“.`, { fields: { path: 'Überschneidung mit einem vorhandenen Ordner.' } });
      }
      const id = existing?.id ?? store.addFolder(path);
      const { jobId } = indexer.start({ folders: [{ id, path }] });
      const folder = (await listFolders()).find((f) => f.id === id)!;
      foldersChanged();
      return { folder, jobId };
    },

    async removeFolder({ id }) {
      folderOrThrow(id);
      indexer.cancelAll();
      await indexer.idle();
      store.removeFolder(id);
      foldersChanged();
    },

    async chooseFolder() {
      if (!platform.chooseFolder) throw new AppError('unavailable', 'Eine Ordnerauswahl gibt es hier nicht. Bitte den Pfad eingeben.');
      return { path: await platform.chooseFolder() };
    },

    async startIndexing(arg) {
      assertWritable();
      const folders = arg?.folderId ? [folderOrThrow(arg.folderId)] : store.folders();
      if (folders.length === 0) throw new AppError('invalid_argument', 'Es ist noch kein Ordner hinzugefügt.');
      return { jobId: indexer.start({ folders, force: arg?.force }).jobId };
    },

    async cancelIndexing({ jobId }) {
      return { cancelled: indexer.cancel(jobId) };
    },

    async listDocuments(arg) {
      const rows = arg?.folderId ? store.documentsOfFolder(arg.folderId) : allDocuments.all();
      return rows.filter((d) => !arg?.status || d.status === arg.status).map(toDocumentInfo);
    },

    async openOriginal({ documentId }) {
      const doc = store.documentById(documentId);
      if (!doc) throw new AppError('not_found', 'Das Dokument ist nicht mehr im Index.');
      // The system opens a file with the program its type names: only the document types the
      // indexer reads, never a program, a script or a link, and only what was actually indexed.
      if (doc.status !== 'indexed' || !kindOf(doc.path)) {
        throw new AppError('invalid_argument', `Stadtschreiber öffnet nur eingelesene Dokumente (PDF, Word, OpenDocument, HTML, Markdown, Text). Die Datei liegt unter ${doc.path}.`, {
          detail: `openOriginal refused: document ${doc.id} has status ${doc.status} and extension "${extname(doc.path)}"`,
        });
      }
      const real = await existingFile(doc.path);
      if (!real) throw new AppError('not_found', `Die Datei ${doc.path} gibt es nicht mehr. Bitte den Ordner neu einlesen.`, { detail: `openOriginal: ${doc.path} is missing or not a regular file` });
      // A link named satzung.pdf must not lead to a program.
      if (!kindOf(real)) {
        throw new AppError('invalid_argument', `Die Datei ${doc.path} verweist auf eine Datei, die Stadtschreiber nicht öffnet.`, { detail: `openOriginal refused: ${doc.path} resolves to ${real}` });
      }
      if (!platform.openPath) throw new AppError('unavailable', `Öffnen ist hier nicht möglich. Die Datei liegt unter ${doc.path}.`);
      try {
        await platform.openPath(doc.path);
      } catch (cause) {
        throw new AppError('unavailable', `Die Datei ${doc.path} konnte nicht geöffnet werden. Gibt es sie noch?`, { cause });
      }
    },
  };
}

export function toDocumentInfo(d: DocumentRow): DocumentInfo {
  return {
    id: d.id,
    folderId: d.folder_id,
    path: d.path,
    title: d.title,
    kind: d.kind as DocumentInfo['kind'],
    status: d.status,
    reason: d.error,
    chunks: d.chunks,
    pages: d.pages,
    encoding: d.encoding,
    sizeBytes: d.size,
    indexedAt: d.indexed_at,
    meta: metaOfRow(d),
  };
}
