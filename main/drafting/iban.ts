/** IBAN lengths of the SEPA countries a German authority meets most (others: 15–34). */
const LENGTHS: Record<string, number> = {
  DE: 22, AT: 20, CH: 21, LI: 21, LU: 20, NL: 18, BE: 16, FR: 27, IT: 27, ES: 24, PL: 28, CZ: 24, DK: 18, SE: 24, FI: 18, NO: 15, GB: 22, IE: 22, PT: 25, GR: 27, HU: 28, SK: 24, SI: 19, HR: 21, RO: 24, BG: 22, EE: 20, LV: 21, LT: 20, MT: 31, CY: 28,
};

/** Removes spaces and upper-cases: "de89 3704 …" → "DE893704…". */
export const compactIban = (value: string): string => value.replace(/\s+/g, '').toUpperCase();

/** "DE89370400440532013000" → "DE89 3704 0044 0532 0130 00" (the printed form). */
export const formatIban = (value: string): string => compactIban(value).replace(/(.{4})(?=.)/g, '$1 ');

/** Null when valid, else a German message: country, length and the ISO 13616 check digits (mod 97). */
export function ibanProblem(value: string): string | null {
  const iban = compactIban(value);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return 'Eine IBAN beginnt mit dem Ländercode und zwei Prüfziffern, z. B. DE89 3704 0044 0532 0130 00.';
  const expected = LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return `Eine IBAN aus ${iban.slice(0, 2)} hat ${expected} Zeichen, diese hat ${iban.length}.`;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1 ? null : 'Die Prüfziffer der IBAN stimmt nicht – bitte die IBAN prüfen.';
}
