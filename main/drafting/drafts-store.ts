/**
 * Letter drafts in SQLite (migration 5). Only storage: what a change means
 * for the AI marks and the review is decided in review.ts.
 */
import type Database from 'better-sqlite3';
import type { AiFieldMark, Draft, FieldValues, SearchHit } from '../contract';
import { hitOfSnapshot } from '../search/snapshot';

/** A draft as stored: the contract's Draft without what is derived on reading (label, AI flags, errors). */
export type StoredDraft = Omit<Draft, 'label' | 'aiAssisted' | 'needsReview' | 'errors' | 'missing'>;

export type DraftUpdate = Partial<Pick<StoredDraft, 'values' | 'aiFields' | 'aiSources' | 'notes' | 'citizenLetter' | 'aiNotice' | 'review' | 'exportedAt'>>;

interface Row {
  id: number;
  template_id: string;
  template_title: string;
  field_values: string;
  ai_fields: string;
  ai_sources: string;
  notes: string;
  citizen_letter: string;
  ai_notice: number;
  reviewed_by: string | null;
  reviewed_at: string | null;
  exported_at: string | null;
  created_at: string;
  updated_at: string;
}

function toDraft(row: Row): StoredDraft {
  return {
    id: row.id,
    templateId: row.template_id,
    templateTitle: row.template_title,
    values: JSON.parse(row.field_values) as FieldValues,
    aiFields: JSON.parse(row.ai_fields) as Record<string, AiFieldMark>,
    aiSources: (JSON.parse(row.ai_sources) as Partial<SearchHit>[]).map(hitOfSnapshot),
    notes: row.notes,
    citizenLetter: row.citizen_letter,
    aiNotice: row.ai_notice === 1,
    review: row.reviewed_by !== null && row.reviewed_at !== null ? { reviewer: row.reviewed_by, at: row.reviewed_at } : null,
    exportedAt: row.exported_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class DraftStore {
  constructor(private readonly db: Database.Database) {}

  create(templateId: string, templateTitle: string, values: FieldValues, now = new Date()): number {
    const at = now.toISOString();
    return Number(
      this.db
        .prepare('INSERT INTO drafts (template_id, template_title, field_values, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
        .run(templateId, templateTitle, JSON.stringify(values), at, at).lastInsertRowid,
    );
  }

  get(id: number): StoredDraft | null {
    const row = this.db.prepare<[number], Row>('SELECT * FROM drafts WHERE id = ?').get(id);
    return row ? toDraft(row) : null;
  }

  /** Most recently changed first. */
  list(): StoredDraft[] {
    return this.db.prepare<[], Row>('SELECT * FROM drafts ORDER BY updated_at DESC, id DESC').all().map(toDraft);
  }

  update(id: number, change: DraftUpdate, now = new Date()): void {
    const sets: string[] = ['updated_at = @updated_at'];
    const params: Record<string, unknown> = { id, updated_at: now.toISOString() };
    const json = { values: 'field_values', aiFields: 'ai_fields', aiSources: 'ai_sources' } as const;
    for (const [key, column] of Object.entries(json) as [keyof typeof json, string][]) {
      if (change[key] !== undefined) {
        sets.push(`${column} = @${column}`);
        params[column] = JSON.stringify(change[key]);
      }
    }
    const plain: [keyof DraftUpdate, string, (v: never) => unknown][] = [
      ['notes', 'notes', (v: string) => v],
      ['citizenLetter', 'citizen_letter', (v: string) => v],
      ['aiNotice', 'ai_notice', (v: boolean) => (v ? 1 : 0)],
      ['exportedAt', 'exported_at', (v: string | null) => v],
    ];
    for (const [key, column, encode] of plain) {
      if (change[key] === undefined) continue;
      sets.push(`${column} = @${column}`);
      params[column] = encode(change[key] as never);
    }
    if (change.review !== undefined) {
      sets.push('reviewed_by = @reviewed_by', 'reviewed_at = @reviewed_at');
      params.reviewed_by = change.review?.reviewer ?? null;
      params.reviewed_at = change.review?.at ?? null;
    }
    this.db.prepare(`UPDATE drafts SET ${sets.join(', ')} WHERE id = @id`).run(params);
  }

  /** A copy with everything but the review and the export date; returns its id. */
  duplicate(id: number, now = new Date()): number | null {
    const at = now.toISOString();
    const result = this.db
      .prepare(
        `INSERT INTO drafts (template_id, template_title, field_values, ai_fields, ai_sources, notes, citizen_letter, ai_notice, created_at, updated_at)
         SELECT template_id, template_title, field_values, ai_fields, ai_sources, notes, citizen_letter, ai_notice, ?, ? FROM drafts WHERE id = ?`,
      )
      .run(at, at, id);
    return result.changes === 1 ? Number(result.lastInsertRowid) : null;
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM drafts WHERE id = ?').run(id).changes === 1;
  }
}
