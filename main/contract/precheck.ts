/* Vorprüfung: the checklists (Prüflisten) an application is checked against. */
import type { TemplateFieldType } from './drafting';

/** Required always, never, or only while a choice item has one of these values ("nur wenn …"). */
export type ItemCondition = { field: string; in: string[] } | null;

export interface ChecklistDataItem {
  kind: 'data';
  id: string;
  label: string;
  type: TemplateFieldType;
  required: boolean;
  requiredWhen: ItemCondition;
  /** The provision that requires the item: the Nachforderung names it. */
  basis: string;
  /** Labels, form field names and words it is found under. */
  find: string[];
  /** For type choice. */
  options: string[];
}

export interface ChecklistDocumentItem {
  kind: 'document';
  id: string;
  label: string;
  required: boolean;
  requiredWhen: ItemCondition;
  basis: string;
  /** How the attachment is recognised: words of its title or file name, form numbers, words of its content. */
  recognise: { titles: string[]; formNumbers: string[]; cues: string[] };
}

export type ChecklistRuleCheck =
  | { kind: 'withinDays'; field: string; after: string; days: number }
  | { kind: 'age'; field: string; min?: number; max?: number }
  | { kind: 'iban'; field: string }
  | { kind: 'postalCode'; field: string }
  | { kind: 'datesInOrder'; fields: string[] }
  | { kind: 'amountBetween'; field: string; min?: number; max?: number };

export interface ChecklistRule {
  kind: 'rule';
  id: string;
  label: string;
  basis: string;
  check: ChecklistRuleCheck;
}

export type ChecklistItem = ChecklistDataItem | ChecklistDocumentItem | ChecklistRule;

export interface Checklist {
  id: string;
  title: string;
  legalBasis: string;
  description: string;
  /** builtin: shipped in checklists/; office: from the data folder's checklists/. */
  source: 'builtin' | 'office';
  items: ChecklistItem[];
}

/** The checklists, and those that failed to load (German, file and field named). */
export interface ChecklistList {
  checklists: Checklist[];
  problems: string[];
}
