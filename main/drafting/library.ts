import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { FieldValues, TemplateFieldType, TemplateInfo } from '../contract';
import { AppError } from '../errors';
import { loadTemplates, type LetterTemplate } from './template-load';
import { importWordTemplate, listWordTemplates, removeWordTemplate, setWordTemplateFieldType, type WordTemplate } from './word-template';

export type Template = LetterTemplate | WordTemplate;

/**
 * The shipped templates folder, templates/ at the top of the app: two levels
 * above the bundled main process (dist/electron/main.cjs, also inside the
 * asar), one above the CLI's bin/, else in the working directory (tests,
 * benchmarks). The desktop shell may pass it explicitly (CoreOptions.templatesDir).
 */
export function defaultTemplatesDir(): string {
  const candidates = [
    typeof __dirname === 'string' ? resolve(__dirname, '..', '..', 'templates') : null,
    process.argv[1] ? resolve(dirname(process.argv[1]), '..', 'templates') : null,
    resolve(process.cwd(), 'templates'),
  ].filter((c): c is string => c !== null);
  return candidates.find((c) => existsSync(join(c, 'blocks'))) ?? candidates.at(-1)!;
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

  /** Changes the type of a field of an imported template (shipped templates define theirs in their file). */
  setFieldType(templateId: string, fieldId: string, type: TemplateFieldType): TemplateInfo {
    const template = this.get(templateId);
    if (template.kind !== 'word') {
      throw new AppError('invalid_argument', 'Die Feldtypen mitgelieferter Vorlagen stehen in ihrer Vorlagendatei und können hier nicht geändert werden.');
    }
    return setWordTemplateFieldType(this.dataDir, templateId, fieldId, type).info;
  }

  removeImported(id: string): void {
    const template = this.get(id);
    if (template.kind !== 'word') throw new AppError('invalid_argument', 'Mitgelieferte Vorlagen können nicht gelöscht werden.');
    removeWordTemplate(this.dataDir, id);
  }
}
