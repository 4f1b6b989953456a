import { defaultTemplatesDir, TemplateLibrary } from '../drafting/index';
import type { CliIo } from './io';

/**
 * `stadtschreiber templates [--json]`: the letter templates (shipped and
 * imported). Templates that fail to load are named on stderr with their
 * reasons, and the exit code is 1, so that an admin sees a broken file.
 */
export function templatesCommand(dataDir: string, json: boolean, io: CliIo, templatesDir = defaultTemplatesDir()): number {
  const library = new TemplateLibrary(templatesDir, dataDir);
  const templates = library.list();
  const problems = library.problems();
  if (json) {
    io.stdout(JSON.stringify(templates, null, 2) + '\n');
  } else if (templates.length === 0) {
    io.stdout('Keine Vorlagen gefunden.\n');
  } else {
    let category = '';
    for (const t of templates) {
      if (t.category !== category) {
        category = t.category;
        io.stdout(`${category}\n`);
      }
      const ai = t.fields.filter((f) => f.ai).length;
      io.stdout(`  ${t.id.padEnd(28)} ${t.title}${t.source === 'imported' ? ' (eigene Word-Vorlage)' : ''}\n`);
      io.stdout(`  ${''.padEnd(28)} ${t.fields.length} Felder${ai ? `, ${ai} davon KI-fähig` : ''}${t.fixedBlocks.length ? `; Textbausteine: ${t.fixedBlocks.map((b) => b.title).join(', ')}` : ''}\n`);
    }
  }
  for (const problem of problems) io.stderr(`Fehler: ${problem}\n`);
  return problems.length > 0 ? 1 : 0;
}
