/**
 * What a letter needs from the settings before it may go out: what its
 * template declares (letter.requires) and every setting its text prints
 * although it is empty. A Bescheid without the issuing authority is void
 * (§ 44 Abs. 2 Nr. 1 VwVfG), an incomplete Rechtsbehelfsbelehrung extends
 * the period to a year (§ 58 Abs. 2 VwGO): such a letter is not exported.
 */
import type { Letterhead, MissingSetting, RequirableKey } from '../contract';
import { AppError } from '../errors';

const LABELS: Record<RequirableKey, string> = {
  authority: 'Behörde',
  department: 'Fachbereich / Amt',
  address: 'Anschrift der Behörde (Straße, Postleitzahl, Ort)',
  contactPerson: 'Ansprechpartner/in (unterzeichnet)',
  phone: 'Telefon',
  email: 'E-Mail',
  website: 'Internetseite',
  openingHours: 'Öffnungszeiten',
  bankName: 'Kreditinstitut',
  iban: 'IBAN der Behörde',
  bic: 'BIC',
  land: 'Bundesland (Landesrecht)',
  administrativeCourt: 'Zuständiges Verwaltungsgericht',
  dpoContact: 'Kontakt der/des Datenschutzbeauftragten',
  retention: 'Speicherdauer (Datenschutzhinweis)',
};

function isSet(letterhead: Letterhead, key: RequirableKey): boolean {
  if (key === 'address') return [letterhead.street, letterhead.postalCode, letterhead.city].every((part) => part.trim() !== '');
  return String(letterhead[key] ?? '').trim() !== '';
}

/** The missing settings in a stable order: declared ones first, then those the text printed empty. */
export function missingSettings(requires: readonly RequirableKey[], usedEmpty: ReadonlySet<RequirableKey>, letterhead: Letterhead): MissingSetting[] {
  const keys = [...new Set([...requires, ...usedEmpty])];
  return keys.filter((key) => !isSet(letterhead, key)).map((key) => ({ key, label: LABELS[key] }));
}

/** The German refusal of an export, naming everything that is missing. */
export function assertComplete(missing: MissingSetting[]): void {
  if (missing.length === 0) return;
  const list = missing.map((m) => m.label).join(', ');
  throw new AppError(
    'invalid_argument',
    `Der Brief kann so nicht hinausgehen: In den Einstellungen (Briefkopf, Behörde und Landesrecht) fehlt ${missing.length === 1 ? 'die Angabe' : 'Folgendes'}: ${list}.`,
    { fields: Object.fromEntries(missing.map((m) => [`letterhead.${m.key}`, `${m.label} fehlt.`])) },
  );
}
