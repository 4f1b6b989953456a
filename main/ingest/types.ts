import type { DocumentMeta } from '../contract';

/** A piece of a document as its parser saw it: a heading or a paragraph of text. */
export interface Block {
  kind: 'heading' | 'text';
  /** Heading level 1–6. */
  level?: number;
  text: string;
  /** 1-based lines in the source file (text formats). */
  lineStart?: number;
  lineEnd?: number;
  /** 1-based page (PDF). */
  page?: number;
}

export interface ParsedDocument {
  title: string | null;
  blocks: Block[];
  /** Text formats: the encoding the bytes were read in. */
  encoding?: string;
  pages?: number;
  /** A PDF without a text layer. */
  scanned?: boolean;
  /** What the file says about itself in front matter or document properties (see meta.ts deriveMeta). */
  meta?: Partial<DocumentMeta>;
}

export type { DocumentKind } from '../contract';
