import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { EVENT_NAMES, events, type EventName, type Events } from '../contract';
import type { AnswerStreamEvent, IndexProgress, PullProgress, SettingsView } from '../contract';

const mainDir = resolve(import.meta.dirname, '..');

/** Every product file of main/ (tests left out). */
function productFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return productFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The event names the core's code emits: `events.emit('name', …)` (a computed name would escape this, so there is none). */
function emitted(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of productFiles(mainDir)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bevents\.emit\(\s*(['"`])?(\w+)?/g)) {
      const name = match[1] ? match[2]! : `(computed name in ${relative(mainDir, file)})`;
      found.set(name, [...(found.get(name) ?? []), relative(mainDir, file)]);
    }
  }
  return found;
}

describe('the event list', () => {
  it('is derived from the one declaration: EVENT_NAMES lists exactly the declared events, once each', () => {
    expect([...EVENT_NAMES]).toEqual(Object.keys(events));
    expect(new Set(EVENT_NAMES).size).toBe(EVENT_NAMES.length);
    expect(Object.isFrozen(EVENT_NAMES)).toBe(true);
  });

  it('holds every event the core emits, and the core emits every event in it', () => {
    const names = emitted();
    expect([...names.keys()].filter((name) => !(EVENT_NAMES as readonly string[]).includes(name)), 'emitted but not in the contract').toEqual([]);
    expect(EVENT_NAMES.filter((name) => !names.has(name)), 'in the contract but never emitted').toEqual([]);
  });

  it('gives each event its payload type', () => {
    expectTypeOf<(typeof EVENT_NAMES)[number]>().toEqualTypeOf<EventName>();
    expectTypeOf<keyof Events>().toEqualTypeOf<EventName>();
    expectTypeOf<Events['settingsChanged']>().toEqualTypeOf<SettingsView>();
    expectTypeOf<Events['indexProgress']>().toEqualTypeOf<IndexProgress>();
    expectTypeOf<Events['pullProgress']>().toEqualTypeOf<PullProgress>();
    expectTypeOf<Events['answerStream']>().toEqualTypeOf<AnswerStreamEvent>();
  });
});
