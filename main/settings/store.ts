import type Database from 'better-sqlite3';
import { settingsSchema, type Settings, type SettingsPatch } from '../contract';
import type { Logger } from '../log';
import { DEFAULT_SETTINGS } from './defaults';

type TopKey = keyof Settings;
const KEYS = Object.keys(DEFAULT_SETTINGS) as TopKey[];

/**
 * Settings live in SQLite, one row per top-level key with a JSON value.
 * A stored value that no longer validates (hand-edited, or from an old
 * version) falls back to its default and is logged, instead of stopping
 * the app.
 */
export class SettingsStore {
  private readonly selectAll;
  private readonly upsert;

  constructor(
    private readonly db: Database.Database,
    private readonly defaults: Settings,
    private readonly log: Logger,
  ) {
    this.selectAll = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
    this.upsert = db.prepare<[string, string, string]>(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
  }

  read(): Settings {
    const stored = new Map(this.selectAll.all().map((row) => [row.key, row.value]));
    const result = structuredClone(this.defaults);
    for (const key of KEYS) {
      const raw = stored.get(key);
      if (raw === undefined) continue;
      const value = safeJson(raw);
      // Letterhead fields added in a later version get their defaults.
      const candidate = key === 'letterhead' && isObject(value) ? { ...this.defaults.letterhead, ...value } : value;
      const parsed = settingsSchema.shape[key].safeParse(candidate);
      if (parsed.success) {
        (result as Record<TopKey, unknown>)[key] = parsed.data;
      } else {
        this.log.warn('stored setting is invalid, using default', { key, raw, issues: parsed.error.issues });
      }
    }
    return result;
  }

  /** Validates the merged result as a whole and writes it in one transaction. */
  update(patch: SettingsPatch): Settings {
    const current = this.read();
    const merged = {
      ...current,
      ...patch,
      letterhead: { ...current.letterhead, ...(patch.letterhead ?? {}) },
    };
    const next = settingsSchema.parse(merged);
    const now = new Date().toISOString();
    this.db.transaction(() => {
      for (const key of KEYS) {
        if (key in patch) this.upsert.run(key, JSON.stringify(next[key]), now);
      }
    }).immediate();
    return next;
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
