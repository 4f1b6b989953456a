/*
 * Every event the core pushes, declared once: its name and its payload's
 * type. `Events`, `EventName` and `EVENT_NAMES` are derived from `events`,
 * so a new event is one line here and reaches the shell's forwarding, the
 * preload's `on` and the renderer's types at once.
 */
import type { AnswerStreamEvent } from './research';
import type { IndexProgress } from './documents';
import type { PullProgress } from './models';
import type { SettingsView } from './settings';

/** An event: its payload's type carried as a phantom (never set at runtime). */
export interface EventSpec<P> {
  payload?: [P];
}
const event = <P>(): EventSpec<P> => ({});

export const events = {
  /** The settings after a change (from any window, or the CLI in the same process). */
  settingsChanged: event<SettingsView>(),
  /** An indexing or embedding job as it goes. */
  indexProgress: event<IndexProgress>(),
  /** A model download as it goes. */
  pullProgress: event<PullProgress>(),
  /** An answer while it is written: its sources, then its text piece by piece. */
  answerStream: event<AnswerStreamEvent>(),
} as const;

export type EventName = keyof typeof events;
/** Each event's payload, by name. */
export type Events = { [E in EventName]: NonNullable<(typeof events)[E]['payload']>[0] };
export const EVENT_NAMES = Object.freeze(Object.keys(events)) as readonly EventName[];
