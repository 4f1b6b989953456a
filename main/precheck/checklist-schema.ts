/**
 * The schema of a checklist file (checklists/<id>.yaml). Messages are
 * German: the IT admin or clerk who writes a checklist reads them.
 */
import { z } from 'zod';
import { TEMPLATE_FIELD_TYPES } from '../contract';

const ID = /^[a-z0-9][a-z0-9-]{0,79}$/;
const ITEM_ID = /^[a-z][a-z0-9_]{0,59}$/;

const text = (what: string, max = 300) =>
  z
    .string({ message: `${what} muss ein Text sein.` })
    .trim()
    .min(1, { message: `${what} fehlt.` })
    .max(max, { message: `${what} ist zu lang (höchstens ${max} Zeichen).` });
const itemId = z.string({ message: 'Die ID (id) fehlt.' }).regex(ITEM_ID, { message: 'Die ID (id) besteht aus Kleinbuchstaben, Ziffern und _ und beginnt mit einem Buchstaben.' });
const words = (what: string) => z.array(text(what, 120), { message: `${what} ist eine Liste.` }).max(50).default([]);
const condition = z
  .object({ field: itemId, in: z.array(z.string().min(1), { message: 'requiredWhen.in ist eine Liste von Werten.' }).min(1) }, { message: 'requiredWhen braucht field und in.' })
  .strict();
const required = { required: z.boolean({ message: 'required muss true oder false sein.' }).default(false), requiredWhen: condition.optional(), basis: text('Die Rechtsgrundlage (basis)', 500) };

const dataItem = z
  .object({
    id: itemId,
    label: text('Die Beschriftung (label)'),
    type: z.enum(TEMPLATE_FIELD_TYPES, { message: `Der Typ (type) muss einer von ${TEMPLATE_FIELD_TYPES.join(', ')} sein.` }),
    ...required,
    find: words('find'),
    options: z.array(z.string().trim().min(1), { message: 'options ist eine Liste.' }).max(50).optional(),
  })
  .strict();

const documentItem = z
  .object({
    id: itemId,
    label: text('Die Beschriftung (label)'),
    ...required,
    recognise: z
      .object({ titles: words('recognise.titles'), formNumbers: words('recognise.formNumbers'), cues: words('recognise.cues') }, { message: 'recognise braucht titles, formNumbers oder cues.' })
      .strict(),
  })
  .strict();

const days = z.number({ message: 'Eine Zahl von Tagen.' }).int().min(0).max(3650);
const ruleCheck = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('withinDays'), field: itemId, after: itemId, days }).strict(),
    z.object({ kind: z.literal('age'), field: itemId, min: z.number().min(0).max(150).optional(), max: z.number().min(0).max(150).optional() }).strict(),
    z.object({ kind: z.literal('iban'), field: itemId }).strict(),
    z.object({ kind: z.literal('postalCode'), field: itemId }).strict(),
    z.object({ kind: z.literal('datesInOrder'), fields: z.array(itemId).min(2, { message: 'datesInOrder braucht mindestens zwei Daten.' }) }).strict(),
    z.object({ kind: z.literal('amountBetween'), field: itemId, min: z.number().optional(), max: z.number().optional() }).strict(),
  ],
  { message: 'check.kind muss withinDays, age, iban, postalCode, datesInOrder oder amountBetween sein.' },
);

const rule = z.object({ id: itemId, label: text('Die Beschriftung (label)'), basis: text('Die Rechtsgrundlage (basis)', 500), check: ruleCheck }).strict();

export const checklistFileSchema = z
  .object({
    id: z.string({ message: 'Die ID (id) fehlt.' }).regex(ID, { message: 'Die ID (id) besteht aus Kleinbuchstaben, Ziffern und -.' }),
    title: text('Der Titel (title)', 120),
    legalBasis: text('Die Rechtsgrundlage (legalBasis)', 500),
    description: text('Die Beschreibung (description)', 1000),
    data: z.array(dataItem, { message: 'data ist eine Liste von Angaben.' }).max(200).default([]),
    documents: z.array(documentItem, { message: 'documents ist eine Liste von Unterlagen.' }).max(100).default([]),
    rules: z.array(rule, { message: 'rules ist eine Liste von Regeln.' }).max(100).default([]),
  })
  .strict();
export type ChecklistFile = z.infer<typeof checklistFileSchema>;
