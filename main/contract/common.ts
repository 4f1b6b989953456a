/**
 * What the contract's parts share: zod configured for German (every part
 * takes `z` from here, so the configuration is in force wherever a schema
 * is used), and the small schemas several capabilities use.
 */
import { z } from 'zod';

// Messages zod writes itself (type errors, unknown keys) are shown to clerks: German.
z.config(z.locales.de());

export { z };

export const MAX_TEXT = 200;

/** A trimmed text of at most `max` characters. */
export const text = (max = MAX_TEXT) =>
  z.string().trim().max(max, { message: `Höchstens ${max} Zeichen.` });

/** A row id (folder, document, chunk, conversation, turn). */
export const idSchema = z.number().int().positive();
