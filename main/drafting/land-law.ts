/**
 * The one table of what differs by Land in a municipal letter: the
 * procedure law and its Anhörung provision, whether a Widerspruch precedes
 * the Klage (by legal area), the enforcement act and the data-protection
 * supervisory authority. Each rule names its source, shown to the clerk;
 * the office can override the Rechtsbehelf per letter where its subject is
 * one of the Land's exceptions.
 */
import { LAND_NAMES, type LandCode, type LegalArea, type Remedy } from '../contract';

export interface LandLaw {
  /** The Land's administrative procedure act, long and short. */
  procedureAct: string;
  procedureShort: string;
  /** The Anhörung provision as cited in a letter (§ 28 of the VwVfG pattern). */
  hearing: string;
  /** The provision on Nebenbestimmungen (§ 36 of the VwVfG pattern). */
  conditions: string;
  /** The Land's administrative enforcement act (Androhung von Zwangsmitteln, Beitreibung). */
  enforcementAct: string;
  dataProtectionAuthority: string;
  /** The Rechtsbehelf by legal area; areas not listed follow `allgemein`. */
  remedy: { allgemein: Remedy } & Partial<Record<LegalArea, Remedy>>;
  /** Where the Rechtsbehelf rule comes from. */
  remedySource: string;
}

const widerspruchEverywhere = { allgemein: 'widerspruch' } as const;
/** Federal VwVfG applied through a Land act that refers to it. */
const referring = (act: string, short: string, where: string) => ({
  procedureAct: act,
  procedureShort: short,
  hearing: `§ 28 VwVfG i. V. m. ${where} ${short}`,
  conditions: `§ 36 VwVfG i. V. m. ${where} ${short}`,
});

export const LAND_LAW: Record<LandCode, LandLaw> = {
  BW: {
    procedureAct: 'Verwaltungsverfahrensgesetz für Baden-Württemberg (LVwVfG)',
    procedureShort: 'LVwVfG',
    hearing: '§ 28 LVwVfG',
    conditions: '§ 36 LVwVfG',
    enforcementAct: 'Verwaltungsvollstreckungsgesetz für Baden-Württemberg (LVwVG)',
    dataProtectionAuthority: 'Der Landesbeauftragte für den Datenschutz und die Informationsfreiheit Baden-Württemberg, Lautenschlagerstraße 20, 70173 Stuttgart',
    remedy: widerspruchEverywhere,
    remedySource: '§ 68 VwGO; § 15 AGVwGO BW nimmt nur einzelne Bereiche aus',
  },
  BY: {
    procedureAct: 'Bayerisches Verwaltungsverfahrensgesetz (BayVwVfG)',
    procedureShort: 'BayVwVfG',
    hearing: 'Art. 28 BayVwVfG',
    conditions: 'Art. 36 BayVwVfG',
    enforcementAct: 'Bayerisches Verwaltungszustellungs- und Vollstreckungsgesetz (VwZVG)',
    dataProtectionAuthority: 'Der Bayerische Landesbeauftragte für den Datenschutz, Wagmüllerstraße 18, 80538 München',
    // Art. 12 AGVwGO: optional Widerspruch in listed areas (Kommunalabgaben, Ausbildungsförderung, Wohngeld, Jugendhilfe …), none elsewhere.
    remedy: { allgemein: 'klage', abgaben: 'wahl', sozial: 'wahl' },
    remedySource: 'Art. 12 AGVwGO (Bayern): Widerspruch nach Wahl in den dort genannten Bereichen, sonst unmittelbar Klage',
  },
  BE: {
    ...referring('Gesetz über das Verfahren der Berliner Verwaltung (VwVfG Bln)', 'VwVfG Bln', '§ 1 Abs. 1'),
    enforcementAct: 'Verwaltungs-Vollstreckungsgesetz (VwVG) i. V. m. § 8 VwVfG Bln',
    dataProtectionAuthority: 'Berliner Beauftragte für Datenschutz und Informationsfreiheit, Alt-Moabit 59–61, 10555 Berlin',
    remedy: widerspruchEverywhere,
    remedySource: '§ 68 VwGO',
  },
  BB: {
    ...referring('Verwaltungsverfahrensgesetz für das Land Brandenburg (VwVfGBbg)', 'VwVfGBbg', '§ 1 Abs. 1'),
    enforcementAct: 'Verwaltungsvollstreckungsgesetz für das Land Brandenburg (VwVGBbg)',
    dataProtectionAuthority: 'Die Landesbeauftragte für den Datenschutz und für das Recht auf Akteneinsicht Brandenburg, Stahnsdorfer Damm 77, 14532 Kleinmachnow',
    remedy: widerspruchEverywhere,
    remedySource: '§ 68 VwGO',
  },
  HB: {
    procedureAct: 'Bremisches Verwaltungsverfahrensgesetz (BremVwVfG)',
    procedureShort: 'BremVwVfG',
    hearing: '§ 28 BremVwVfG',
    conditions: '§ 36 BremVwVfG',
    enforcementAct: 'Bremisches Verwaltungsvollstreckungsgesetz (BremVwVG) und Bremisches Gesetz über die Vollstreckung von Geldforderungen im Verwaltungswege (BremGVG)',
    dataProtectionAuthority: 'Die Landesbeauftragte für Datenschutz und Informationsfreiheit der Freien Hansestadt Bremen, Arndtstraße 1, 27570 Bremerhaven',
    remedy: widerspruchEverywhere,
    remedySource: '§ 68 VwGO; Ausnahmen nach § 8 BremAGVwGO',
  },
  HH: {
    procedureAct: 'Hamburgisches Verwaltungsverfahrensgesetz (HmbVwVfG)',
    procedureShort: 'HmbVwVfG',
    hearing: '§ 28 HmbVwVfG',
    conditions: '§ 36 HmbVwVfG',
    enforcementAct: 'Hamburgisches Verwaltungsvollstreckungsgesetz (HmbVwVG)',
    dataProtectionAuthority: 'Der Hamburgische Beauftragte für Datenschutz und Informationsfreiheit, Ludwig-Erhard-Straße 22, 20459 Hamburg',
    remedy: widerspruchEverywhere,
    remedySource: '§ 68 VwGO',
  },
  HE: {
    procedureAct: 'Hessisches Verwaltungsverfahrensgesetz (HVwVfG)',
    procedureShort: 'HVwVfG',
    hearing: '§ 28 HVwVfG',
    conditions: '§ 36 HVwVfG',
    enforcementAct: 'Hessisches Verwaltungsvollstreckungsgesetz (HessVwVG)',
    dataProtectionAuthority: 'Der Hessische Beauftragte für Datenschutz und Informationsfreiheit, Gustav-Stresemann-Ring 1, 65189 Wiesbaden',
    remedy: widerspruchEverywhere,
    remedySource: '§ 68 VwGO; Ausnahmen nach § 16a HessAGVwGO',
  },
  MV: {
    procedureAct: 'Verwaltungsverfahrens-, Zustellungs- und Vollstreckungsgesetz des Landes Mecklenburg-Vorpommern (VwVfG M-V)',
    procedureShort: 'VwVfG M-V',
    hearing: '§ 28 VwVfG M-V',
    conditions: '§ 36 VwVfG M-V',
    enforcementAct: 'Verwaltungsverfahrens-, Zustellungs- und Vollstreckungsgesetz des Landes Mecklenburg-Vorpommern (VwVfG M-V)',
    dataProtectionAuthority: 'Der Landesbeauftragte für Datenschutz und Informationsfreiheit Mecklenburg-Vorpommern, Werderstraße 74a, 19055 Schwerin',
    remedy: widerspruchEverywhere,
    remedySource: '§ 68 VwGO; Ausnahmen nach § 13a AGGerStrG M-V',
  },
  NI: {
    ...referring('Niedersächsisches Verwaltungsverfahrensgesetz (NVwVfG)', 'NVwVfG', '§ 1 Abs. 1'),
    enforcementAct: 'Niedersächsisches Verwaltungsvollstreckungsgesetz (NVwVG)',
    dataProtectionAuthority: 'Der Landesbeauftragte für den Datenschutz Niedersachsen, Prinzenstraße 5, 30159 Hannover',
    remedy: { allgemein: 'klage' },
    remedySource: '§ 80 Abs. 1 NJG: kein Vorverfahren, außer in den Fällen des § 80 Abs. 2 und 3 NJG',
  },
  NW: {
    procedureAct: 'Verwaltungsverfahrensgesetz für das Land Nordrhein-Westfalen (VwVfG NRW)',
    procedureShort: 'VwVfG NRW',
    hearing: '§ 28 VwVfG NRW',
    conditions: '§ 36 VwVfG NRW',
    enforcementAct: 'Verwaltungsvollstreckungsgesetz für das Land Nordrhein-Westfalen (VwVG NRW)',
    dataProtectionAuthority: 'Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen, Kavalleriestraße 2–4, 40213 Düsseldorf',
    remedy: { allgemein: 'klage' },
    remedySource: '§ 110 Abs. 1 JustG NRW: kein Vorverfahren, außer in den Fällen des § 110 Abs. 2 und 3 JustG NRW',
  },
  RP: {
    ...referring('Landesverwaltungsverfahrensgesetz Rheinland-Pfalz (LVwVfG)', 'LVwVfG', '§ 1 Abs. 1'),
    enforcementAct: 'Landesverwaltungsvollstreckungsgesetz Rheinland-Pfalz (LVwVG)',
    dataProtectionAuthority: 'Der Landesbeauftragte für den Datenschutz und die Informationsfreiheit Rheinland-Pfalz, Hintere Bleiche 34, 55116 Mainz',
    remedy: widerspruchEverywhere,
    remedySource: '§ 68 VwGO; §§ 6 ff. AGVwGO RP (Rechtsausschuss)',
  },
  SL: {
    procedureAct: 'Saarländisches Verwaltungsverfahrensgesetz (SVwVfG)',
    procedureShort: 'SVwVfG',
    hearing: '§ 28 SVwVfG',
    conditions: '§ 36 SVwVfG',
    enforcementAct: 'Saarländisches Verwaltungsvollstreckungsgesetz (SVwVG)',
    dataProtectionAuthority: 'Unabhängiges Datenschutzzentrum Saarland, Fritz-Dobisch-Straße 12, 66111 Saarbrücken',
    remedy: widerspruchEverywhere,
    remedySource: '§ 68 VwGO; AGVwGO Saarland (Rechtsausschuss)',
  },
  SN: {
    ...referring('Gesetz zur Regelung des Verwaltungsverfahrens- und des Verwaltungszustellungsrechts für den Freistaat Sachsen (SächsVwVfZG)', 'SächsVwVfZG', '§ 1'),
    enforcementAct: 'Verwaltungsvollstreckungsgesetz für den Freistaat Sachsen (SächsVwVG)',
    dataProtectionAuthority: 'Die Sächsische Datenschutz- und Transparenzbeauftragte, Devrientstraße 5, 01067 Dresden',
    remedy: widerspruchEverywhere,
    remedySource: '§ 68 VwGO',
  },
  ST: {
    ...referring('Verwaltungsverfahrensgesetz Sachsen-Anhalt (VwVfG LSA)', 'VwVfG LSA', '§ 1 Abs. 1'),
    enforcementAct: 'Verwaltungsvollstreckungsgesetz des Landes Sachsen-Anhalt (VwVG LSA)',
    dataProtectionAuthority: 'Der Landesbeauftragte für den Datenschutz Sachsen-Anhalt, Leiterstraße 9, 39104 Magdeburg',
    remedy: widerspruchEverywhere,
    remedySource: '§ 68 VwGO; Ausnahmen nach § 8a AG VwGO LSA',
  },
  SH: {
    procedureAct: 'Allgemeines Verwaltungsgesetz für das Land Schleswig-Holstein (Landesverwaltungsgesetz – LVwG)',
    procedureShort: 'LVwG',
    hearing: '§ 87 LVwG',
    conditions: '§ 107 LVwG',
    enforcementAct: 'Allgemeines Verwaltungsgesetz für das Land Schleswig-Holstein (LVwG)',
    dataProtectionAuthority: 'Unabhängiges Landeszentrum für Datenschutz Schleswig-Holstein, Holstenstraße 98, 24103 Kiel',
    remedy: widerspruchEverywhere,
    remedySource: '§ 68 VwGO',
  },
  TH: {
    procedureAct: 'Thüringer Verwaltungsverfahrensgesetz (ThürVwVfG)',
    procedureShort: 'ThürVwVfG',
    hearing: '§ 28 ThürVwVfG',
    conditions: '§ 36 ThürVwVfG',
    enforcementAct: 'Thüringer Verwaltungszustellungs- und Vollstreckungsgesetz (ThürVwZVG)',
    dataProtectionAuthority: 'Thüringer Landesbeauftragter für den Datenschutz und die Informationsfreiheit, Häßlerstraße 8, 99096 Erfurt',
    remedy: widerspruchEverywhere,
    remedySource: '§ 68 VwGO',
  },
};

/** The Rechtsbehelf of a Land for a legal area. */
export const remedyOf = (land: LandCode, area: LegalArea): Remedy => LAND_LAW[land].remedy[area] ?? LAND_LAW[land].remedy.allgemein;

/** The keys a template may read as {{law.<key>}}. */
export const LAW_KEYS = ['land', 'procedureAct', 'procedureShort', 'hearing', 'conditions', 'enforcementAct', 'dataProtectionAuthority', 'remedy', 'remedySource'] as const;
export type LawKey = (typeof LAW_KEYS)[number];

/** {{law.<key>}} for a letter; empty while no Land is set (the export then names the missing Land). */
export function lawValue(land: LandCode | '', area: LegalArea, override: Remedy | null, key: LawKey): string {
  if (key === 'remedy') return override ?? (land ? remedyOf(land, area) : '');
  if (!land) return '';
  const law = LAND_LAW[land];
  if (key === 'land') return LAND_NAMES[land];
  if (key === 'remedySource') return override ? 'Festlegung im Schreiben' : law.remedySource;
  return law[key];
}
