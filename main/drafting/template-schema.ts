/**
 * The schema of a template's front matter (templates/*.md) and of a fixed
 * text block (templates/blocks/*.md). Messages are German: an IT admin who
 * writes a template reads them.
 */
import { z } from 'zod';
import { addressValueSchema, REQUIRABLE_KEYS, TEMPLATE_FIELD_TYPES } from '../contract';

const ID = /^[a-z0-9][a-z0-9-]{0,79}$/;
const FIELD_ID = /^[A-Za-z_][A-Za-z0-9_-]{0,59}$/;

const requiredText = (what: string, max = 300) =>
  z
    .string({ message: `${what} muss ein Text sein.` })
    .trim()
    .min(1, { message: `${what} fehlt.` })
    .max(max, { message: `${what} ist zu lang (höchstens ${max} Zeichen).` });

const optionSchema = z.union([
  z.string().trim().min(1, { message: 'Eine Auswahlmöglichkeit ist leer.' }),
  z.object({ value: requiredText('Der Wert (value)', 100), label: requiredText('Die Beschriftung (label)') }).strict(),
]);

const fieldSpecSchema = z
  .object({
    id: z.string({ message: 'Die Feld-ID (id) fehlt.' }).regex(FIELD_ID, {
      message: 'Die Feld-ID (id) besteht aus Buchstaben, Ziffern, _ und - und beginnt mit einem Buchstaben.',
    }),
    label: requiredText('Die Beschriftung (label)'),
    type: z.enum(TEMPLATE_FIELD_TYPES, { message: `Der Typ (type) muss einer von ${TEMPLATE_FIELD_TYPES.join(', ')} sein.` }),
    required: z.boolean({ message: 'required muss true oder false sein.' }).default(false),
    requiredWhen: z
      .object({ field: z.string().regex(FIELD_ID), equals: z.string() }, { message: 'requiredWhen braucht field und equals.' })
      .strict()
      .optional(),
    default: z.union([z.string(), z.number(), addressValueSchema], { message: 'Der Vorgabewert (default) passt nicht zum Feld.' }).optional(),
    help: z.string().trim().max(1000, { message: 'Der Hilfetext (help) ist zu lang.' }).default(''),
    options: z.array(optionSchema, { message: 'options muss eine Liste sein.' }).max(50).optional(),
    ai: z.boolean({ message: 'ai muss true oder false sein.' }).default(false),
  })
  .strict();
export type FieldSpec = z.infer<typeof fieldSpecSchema>;

/** The letter's parts outside the body; each is template text with placeholders. */
const letterSpecSchema = z
  .object({
    /** Id of the address field the letter goes to. */
    recipient: z.string({ message: 'letter.recipient nennt das Anschriftsfeld des Empfängers.' }).regex(FIELD_ID),
    subject: requiredText('Der Betreff (letter.subject)', 500),
    salutation: z.string().max(300).optional(),
    closing: z.string().max(300).default('Mit freundlichen Grüßen'),
    signature: z.string().max(500).default('Im Auftrag\n\n{{letterhead.contactPerson}}'),
    yourReference: z.string().max(300).default(''),
    yourMessageDate: z.string().max(300).default(''),
    ourReference: z.string().max(300).default(''),
    contact: z.string().max(300).default('{{letterhead.contactPerson}}'),
    date: requiredText('Das Datum (letter.date)'),
    /** Zusatz- und Vermerkzone above the return address, e.g. "{{versandart}}"; one Vermerk per line, at most 3. */
    noteZone: z.string().max(300).default(''),
    /** Anlagenvermerk, e.g. "{{anlagen}}" (a multiline field): one enclosure per line. */
    enclosures: z.string().max(2000).default(''),
    /** Letterhead keys the letter cannot go out without (export is refused while one is empty). */
    requires: z
      .array(z.enum(REQUIRABLE_KEYS, { message: `letter.requires nennt nur diese Angaben: ${REQUIRABLE_KEYS.join(', ')}.` }), { message: 'letter.requires muss eine Liste sein.' })
      .default([]),
    /** The legal area (or a placeholder of a choice field holding one): the Rechtsbehelf follows the Land's rule for it. */
    legalArea: z.string().max(100).default('allgemein'),
    /** A placeholder of a choice field (land, widerspruch, klage, wahl) that overrides the Land's Rechtsbehelf. */
    remedy: z.string().max(100).default(''),
  })
  .strict();

export const frontMatterSchema = z
  .object({
    id: z.string({ message: 'Die Vorlagen-ID (id) fehlt.' }).regex(ID, { message: 'Die Vorlagen-ID (id) besteht aus Kleinbuchstaben, Ziffern und -.' }),
    title: requiredText('Der Titel (title)', 120),
    category: requiredText('Die Kategorie (category)', 80),
    description: requiredText('Die Beschreibung (description)', 1000),
    fields: z.array(fieldSpecSchema, { message: 'fields muss eine Liste von Feldern sein.' }).min(1, { message: 'Die Vorlage braucht mindestens ein Feld.' }).max(100),
    letter: letterSpecSchema,
    /** Example values: the tests render every template with them, the UI may offer them. */
    sample: z.record(z.string(), z.union([z.string(), z.number(), addressValueSchema])).optional(),
  })
  .strict();
export const blockFrontMatterSchema = z
  .object({
    id: z.string().regex(ID, { message: 'Die Baustein-ID (id) besteht aus Kleinbuchstaben, Ziffern und -.' }),
    title: requiredText('Der Titel (title)', 120),
  })
  .strict();
