import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FieldValues, TemplateInfo } from '../contract';
import { AppError } from '../errors';
import { loadTemplates, type LetterTemplate } from './template-load';
import { importWordTemplate, listWordTemplates, removeWordTemplate, type WordTemplate } from './word-template';

export type Template = LetterTemplate | WordTemplate;

/**
 * The shipped templates folder: `templates/` two levels above this file in
 * the source tree (main/drafting/) and in the packaged app
 * (dist/electron/main.cjs, with templates/ beside dist/ in the asar).
 */
export function defaultTemplatesDir(): string {
  const here = typeof __dirname === 'string' ? __dirname : (import.meta.dirname ?? process.cwd());
  const candidate = resolve(here, '..', '..', 'templates');
  return existsSync(candidate) ? candidate : resolve(process.cwd(), 'templates');
}

/**
 * Every template the clerk can choose: the shipped ones (read once; reload()
 * after an admin changed the folder) and the office's imported Word templates
 * (read from the data folder each time).
 */
export class TemplateLibrary {
  private builtin: LetterTemplate[] | null = null;
  private builtinProblems: string[] = [];

  constructor(
    readonly templatesDir: string,
    readonly dataDir: string,
  ) {}

  reload(): void {
    const { templates, problems } = loadTemplates(this.templatesDir);
    this.builtin = templates;
    this.builtinProblems = problems.map((p) => p.message);
  }

  private all(): { templates: Template[]; problems: string[] } {
    if (!this.builtin) this.reload();
    const word = listWordTemplates(this.dataDir);
    return { templates: [...this.builtin!, ...word.templates], problems: [...this.builtinProblems, ...word.problems] };
  }

  /** Sorted by category, then title. */
  list(): TemplateInfo[] {
    return this.all()
      .templates.map((t) => t.info)
      .sort((a, b) => a.category.localeCompare(b.category, 'de') || a.title.localeCompare(b.title, 'de'));
  }

  /** Templates that could not be loaded, one German sentence each (file and field named). */
  problems(): string[] {
    return this.all().problems;
  }

  get(id: string): Template {
    const template = this.all().templates.find((t) => t.info.id === id);
    if (!template) throw new AppError('not_found', `Die Vorlage „${id}“ gibt es nicht.`);
    return template;
  }

  /** Example values of a shipped template (empty for imported ones). */
  sample(id: string): FieldValues {
    const template = this.get(id);
    return template.kind === 'letter' ? structuredClone(template.sample) : {};
  }

  importWord(bytes: Uint8Array, options: { fileName: string; title?: string; description?: string }): TemplateInfo {
    return importWordTemplate(this.dataDir, bytes, options).info;
  }

  removeImported(id: string): void {
    const template = this.get(id);
    if (template.kind !== 'word') throw new AppError('invalid_argument', 'Mitgelieferte Vorlagen können nicht gelöscht werden.');
    removeWordTemplate(this.dataDir, id);
  }
}
