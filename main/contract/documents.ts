/* Folders, documents, what they say about themselves, and indexing. */
import { z } from './common';

export const DOCUMENT_KINDS = ['pdf', 'docx', 'odt', 'html', 'md', 'txt'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface FolderInfo {
  id: number;
  path: string;
  addedAt: string;
  documents: number;
  chunks: number;
  /** Files that could not be indexed (errors and scans), and unsupported files. */
  problems: number;
  unsupported: number;
}

export interface DocumentInfo {
  id: number;
  folderId: number;
  path: string;
  title: string;
  kind: DocumentKind | 'unknown';
  status: 'indexed' | 'scan' | 'error' | 'unsupported';
  /** German reason for scan, error and unsupported. */
  reason: string | null;
  chunks: number;
  pages: number | null;
  encoding: string | null;
  sizeBytes: number;
  indexedAt: string;
  /** What the document says about itself (authority, type, validity). */
  meta: DocumentMeta;
}

export interface FileProblem {
  path: string;
  reason: string;
}

export interface IndexProgress {
  jobId: string;
  /** `waiting`: another job (another process) is indexing this data folder; this one starts when it ends. */
  phase: 'waiting' | 'scanning' | 'indexing' | 'refining' | 'optimizing' | 'embedding' | 'done' | 'cancelled' | 'failed';
  /** Files handled / files found. */
  done: number;
  total: number;
  currentFile: string | null;
  indexed: number;
  unchanged: number;
  removed: number;
  problems: FileProblem[];
  /** Chunks given vectors / chunks that needed them (phase embedding). */
  embedded?: number;
  toEmbed?: number;
  /** German summary for phase failed, who is indexing meanwhile (waiting), or why the embedding phase stopped. */
  message?: string;
}

export const folderPathSchema = z
  .string()
  .trim()
  .min(1, { message: 'Bitte einen Ordner angeben.' })
  .max(4000, { message: 'Der Pfad ist zu lang.' });

/**
 * What a chunk is within its document: ordinary text, or the document's own
 * apparatus that names every section's words and answers nothing — a table
 * of contents, the front matter, a "(Rechtsgrundlage)" preamble. Recognised
 * by structure at indexing time; such chunks rank low and are never sources.
 */
export const CHUNK_ROLES = ['body', 'toc', 'front', 'preamble'] as const;
export type ChunkRole = (typeof CHUNK_ROLES)[number];

/** In force, superseded (Altfassung, außer Kraft, a later version exists), or not stated. */
export const VALIDITIES = ['current', 'superseded', 'unknown'] as const;
export type Validity = (typeof VALIDITIES)[number];

/**
 * What a document says about itself: from YAML front matter, the document
 * properties of DOCX/ODT/PDF, and its first lines. Every field may be
 * unknown.
 */
export interface DocumentMeta {
  /** The municipality or authority that issued it ("Konstanz", "Landkreis Konstanz"). */
  authority: string | null;
  /** The kind of document as the office names it: "Satzung", "Verordnung", "Richtlinie", "Gesetz", … */
  docType: string | null;
  /** ISO date (YYYY-MM-DD) from which it applies, when stated. */
  validFrom: string | null;
  /** ISO date until which it applied, when stated (außer Kraft). */
  validUntil: string | null;
  validity: Validity;
}

/** Metadata of a document that states nothing about itself (and of hits stored before metadata was read). */
export const NO_META: DocumentMeta = Object.freeze({ authority: null, docType: null, validFrom: null, validUntil: null, validity: 'unknown' });
