/* Settings: the Ollama host, the models, the letterhead. */
import { text, z } from './common';
import { LAND_CODES, type LandCode } from './law';
import { modelNameSchema } from './models';

export const OLLAMA_DEFAULT_HOST = 'http://127.0.0.1:11434';

/** http(s) URL with a host; a path is allowed (Ollama behind a reverse proxy). */
export const ollamaHostSchema = z
  .string()
  .trim()
  .max(500, { message: 'Die Adresse ist zu lang.' })
  .refine((value) => value === '' || isHttpUrl(value), {
    message: 'Bitte eine gültige Adresse mit http:// oder https:// angeben, z. B. http://127.0.0.1:11434.',
  });

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export const letterheadSchema = z.object({
  authority: text(),
  department: text(),
  street: text(),
  postalCode: text(5).regex(/^$|^\d{5}$/, { message: 'Die Postleitzahl hat fünf Ziffern.' }),
  city: text(),
  contactPerson: text(),
  phone: text(50).regex(/^$|^[+0-9 ()/-]+$/, {
    message: 'Die Telefonnummer darf nur Ziffern, Leerzeichen und + ( ) / - enthalten.',
  }),
  email: text().refine((v) => v === '' || z.email().safeParse(v).success, {
    message: 'Bitte eine gültige E-Mail-Adresse angeben.',
  }),
  website: text(),
  openingHours: text(500),
  bankName: text(),
  iban: text(42),
  bic: text(11),
  /** The Land whose procedure law the office applies (LAND_CODES in contract/law.ts); empty: not chosen yet. */
  land: z.enum(['', ...LAND_CODES], { message: 'Bitte ein Bundesland aus der Liste wählen.' }),
  /** The Verwaltungsgericht a Klage goes to: name and postal address. */
  administrativeCourt: text(500),
  /** Contact of the data protection officer (Art. 13 Abs. 1 lit. b DSGVO). */
  dpoContact: text(500),
  /** How long files are kept (Art. 13 Abs. 2 lit. a DSGVO). */
  retention: text(500),
  /** signed: three lines of signature space; machine: "maschinell erstellt und ohne Unterschrift gültig". */
  signatureMode: z.enum(['signed', 'machine'], { message: 'Bitte „mit Unterschrift“ oder „maschinell erstellt“ wählen.' }),
});
export type Letterhead = z.infer<typeof letterheadSchema>;

export const settingsSchema = z.object({
  /** Empty: use OLLAMA_HOST, else the default. */
  ollamaHost: ollamaHostSchema,
  chatModel: modelNameSchema,
  embeddingModel: modelNameSchema,
  letterhead: letterheadSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = z
  .object({
    ollamaHost: ollamaHostSchema,
    chatModel: modelNameSchema,
    embeddingModel: modelNameSchema,
    letterhead: letterheadSchema.partial(),
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** The settings together with what the core made of them. */
export interface SettingsView {
  settings: Settings;
  /** The Ollama host actually used, after OLLAMA_HOST and the default. */
  effectiveOllamaHost: string;
  ollamaHostSource: 'settings' | 'environment' | 'default';
  /** The Länder the office can choose, by code and name. */
  lands: { code: LandCode; name: string }[];
}
