import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import { settingsSchema, type SettingsView } from '../contract';
import { openDatabase } from '../db/open';
import { silentLogger } from '../log';
import { databaseFile } from '../paths';
import { settingsCalls } from './calls';
import { DEFAULT_SETTINGS } from './defaults';
import { SettingsStore } from './store';

let dir: ReturnType<typeof tempDir>;
let db: ReturnType<typeof openDatabase>;
beforeEach(() => {
  dir = tempDir();
  db = openDatabase(databaseFile(dir.path));
});
afterEach(() => {
  db.close();
  dir.remove();
});

function calls() {
  const store = new SettingsStore(db, settingsSchema.parse(DEFAULT_SETTINGS), silentLogger);
  const pushed: SettingsView[] = [];
  const embeddingStarts = { count: 0 };
  const settings = settingsCalls({
    store,
    ollamaHost: () => ({ host: store.read().ollamaHost || 'http://default:1', source: store.read().ollamaHost ? 'settings' : 'default' }),
    changed: (view) => void pushed.push(view),
    embeddingModelChanged: () => void embeddingStarts.count++,
    log: silentLogger,
  });
  return { settings, pushed, embeddingStarts };
}

describe('settingsCalls', () => {
  it('shows the settings with the host the Ollama service resolves', async () => {
    const { settings } = calls();
    expect(await settings.getSettings()).toMatchObject({ effectiveOllamaHost: 'http://default:1', ollamaHostSource: 'default' });
  });

  it('pushes every update and starts embedding only when the embedding model changed', async () => {
    const { settings, pushed, embeddingStarts } = calls();
    const view = await settings.updateSettings({ ollamaHost: 'http://gpu:1' });
    expect(view).toMatchObject({ effectiveOllamaHost: 'http://gpu:1', ollamaHostSource: 'settings' });
    expect(pushed).toEqual([view]);
    expect(embeddingStarts.count).toBe(0);
    await settings.updateSettings({ embeddingModel: 'bge-m3:latest' });
    expect(embeddingStarts.count).toBe(1);
    await settings.updateSettings({ embeddingModel: 'bge-m3:latest' });
    expect(embeddingStarts.count).toBe(1);
    expect(pushed).toHaveLength(3);
  });

  it('refuses an invalid patch in German and pushes nothing', async () => {
    const { settings, pushed } = calls();
    await expect(settings.updateSettings({ letterhead: { postalCode: '123' } } as never)).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(pushed).toEqual([]);
  });
});
