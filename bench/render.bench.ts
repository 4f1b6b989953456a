// Render time of one letter (.docx, DIN 5008, with logo) after warm-up, over
// every shipped template in turn; the office's own Word template filled in
// place; and how long loading and checking all templates takes.
import { TEST_LETTERHEAD, testPng } from '../e2e/fixtures/letterhead';
import { tempDir } from '../e2e/fixtures/temp-dir';
import { officeTemplateDocx } from '../e2e/fixtures/word-docx';
import { defaultTemplatesDir, inspectLogo, renderDraft, TemplateLibrary } from '../main/drafting/index';
import { report, timeIt } from './report';

const BENCH = 'render';
const dir = tempDir('stadtschreiber-bench-');
try {
  const library = new TemplateLibrary(defaultTemplatesDir(), dir.path);
  const load = await timeIt(() => library.reload(), 20, 3);
  report({ bench: BENCH, figure: 'load and check all shipped templates (p50)', value: load.p50, unit: 'ms', note: `${library.list().length} templates` });

  const logo = { ...inspectLogo(testPng()), data: testPng() };
  const templates = library.list().map((t) => ({ template: library.get(t.id), values: library.sample(t.id) }));
  let i = 0;
  const render = await timeIt(() => {
    const { template, values } = templates[i++ % templates.length]!;
    return renderDraft(template, values, TEST_LETTERHEAD, logo);
  }, 300, 30);
  report({ bench: BENCH, figure: 'render one letter to .docx (p50)', value: render.p50, unit: 'ms', target: '≤ 30 ms' });
  report({ bench: BENCH, figure: 'render one letter to .docx (p95)', value: render.p95, unit: 'ms', target: '≤ 30 ms' });

  const { id } = library.importWord(officeTemplateDocx(), { fileName: 'Vorlage.docx' });
  const word = library.get(id);
  const values = { name: 'Frau Mustermann', aktenzeichen: '63-0142/2025', text_der_antwort: 'Text.', sachbearbeiter: 'Anna Beispiel' };
  const filled = await timeIt(() => renderDraft(word, values, TEST_LETTERHEAD, null), 300, 30);
  report({ bench: BENCH, figure: 'fill an imported Word template (p95)', value: filled.p95, unit: 'ms' });
} finally {
  dir.remove();
}
