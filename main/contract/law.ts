/* The Länder: which procedure law an office applies (data in main/drafting/land-law.ts). */

/** The 16 Länder by their usual two-letter codes. */
export const LAND_CODES = ['BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH'] as const;
export type LandCode = (typeof LAND_CODES)[number];

export const LAND_NAMES: Record<LandCode, string> = {
  BW: 'Baden-Württemberg',
  BY: 'Bayern',
  BE: 'Berlin',
  BB: 'Brandenburg',
  HB: 'Bremen',
  HH: 'Hamburg',
  HE: 'Hessen',
  MV: 'Mecklenburg-Vorpommern',
  NI: 'Niedersachsen',
  NW: 'Nordrhein-Westfalen',
  RP: 'Rheinland-Pfalz',
  SL: 'Saarland',
  SN: 'Sachsen',
  ST: 'Sachsen-Anhalt',
  SH: 'Schleswig-Holstein',
  TH: 'Thüringen',
};

/** Legal areas a template (or the clerk) names, so the Rechtsbehelf follows the Land's rule for that area. */
export const LEGAL_AREAS = ['allgemein', 'abgaben', 'bau', 'gewerbe', 'ordnung', 'strasse', 'sozial'] as const;
export type LegalArea = (typeof LEGAL_AREAS)[number];

/** widerspruch: Widerspruch first; klage: Klage directly; wahl: the citizen chooses (Bavaria). */
export const REMEDIES = ['widerspruch', 'klage', 'wahl'] as const;
export type Remedy = (typeof REMEDIES)[number];
