import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_LETTERHEAD } from '../../e2e/fixtures/letterhead';
import { CLOSED_PORT_HOST, tempDir } from '../../e2e/fixtures/temp-dir';
import { createCore, type Core } from '../core';
import { silentLogger } from '../log';
import { defaultTemplatesDir, TemplateLibrary } from './library';

let dir: ReturnType<typeof tempDir>;
let core: Core;
const sample = (id: string) => new TemplateLibrary(defaultTemplatesDir(), '/nonexistent').sample(id);

beforeEach(() => {
  dir = tempDir();
  core = createCore({
    dataDir: join(dir.path, 'data'),
    env: {},
    logger: silentLogger,
    settings: { ollamaHost: CLOSED_PORT_HOST },
    platform: { chooseSavePath: async (name) => join(dir.path, name) },
  });
});
afterEach(() => {
  core.close();
  dir.remove();
});

describe('the app refuses a letter whose settings are incomplete', () => {
  it('an Anhörung right after installation: the draft and the preview name what is missing, the export is refused in German and writes nothing', async () => {
    const created = await core.createDraft({ templateId: 'anhoerung' });
    const draft = await core.saveDraft({ id: created.id, values: sample('anhoerung') });
    expect(draft.errors).toEqual({});
    expect(draft.missing.map((m) => m.key)).toEqual(['authority', 'address', 'contactPerson', 'land']);
    const preview = await core.previewDraft({ templateId: 'anhoerung', values: sample('anhoerung') });
    expect(preview.missing).toEqual(draft.missing);
    await expect(core.exportDraft({ id: draft.id })).rejects.toMatchObject({
      code: 'invalid_argument',
      userMessage: expect.stringMatching(/^Der Brief kann so nicht hinausgehen: .*Behörde, Anschrift der Behörde .*Bundesland/),
    });
    expect(readdirSync(dir.path).filter((f) => f.endsWith('.docx'))).toEqual([]);

    await core.updateSettings({ letterhead: { ...TEST_LETTERHEAD, land: 'SH' } });
    expect((await core.getDraft({ id: draft.id })).missing).toEqual([]);
    const { path } = await core.exportDraft({ id: draft.id });
    expect(path && existsSync(path)).toBe(true);
  });

  it('a payment letter without the authority’s IBAN is refused, naming the IBAN', async () => {
    await core.updateSettings({ letterhead: { ...TEST_LETTERHEAD, iban: '' } });
    const created = await core.createDraft({ templateId: 'zahlungserinnerung' });
    const draft = await core.saveDraft({ id: created.id, values: sample('zahlungserinnerung') });
    expect(draft.missing.map((m) => m.label)).toContain('IBAN der Behörde');
    await expect(core.exportDraft({ id: draft.id })).rejects.toMatchObject({ userMessage: expect.stringContaining('IBAN der Behörde') });
  });
});
