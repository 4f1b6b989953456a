import { fold } from './normalise';
import { stem } from './stem';

/**
 * Words that clerks and citizens use for the same thing as the statutes do
 * ("melden" for "anzeigen", "Kneipe" for "Gaststätte", "Hartz IV" for
 * "Arbeitslosengeld II"). Written for this project from general knowledge of
 * German administrative language; used to widen queries only, never the index.
 */
const GROUPS = `
melden anzeigen mitteilen meldung anzeige mitteilung benachrichtigen
amt behorde stelle verwaltung burgeramt rathaus
brief schreiben schriftstuck post
ausweis personalausweis identitatsnachweis ausweisdokument
pass reisepass
verlust verlieren verloren abhandenkommen abhanden gestohlen diebstahl
gebuhr gebuhren kosten entgelt
strafe bussgeld geldbusse sanktion
widerspruch einspruch beschwerde rechtsbehelf
frist zeitraum
antrag gesuch beantragen beantragung
wohnung wohnsitz unterkunft zimmer
adresse anschrift
umziehen umzug zuzug auszug wohnungswechsel
kind kinder minderjahrige minderjahriger
eltern elternteil mutter vater sorgeberechtigte
arbeit beschaftigung erwerbstatigkeit job
arbeitslos arbeitslosigkeit erwerbslos arbeitsuchend arbeitsuchende
burgergeld hartz arbeitslosengeld grundsicherung
miete mietzuschuss wohngeld
auto fahrzeug kraftfahrzeug pkw wagen
fuhrerschein fahrerlaubnis
parken parkplatz halten parkverbot
kneipe gaststatte lokal restaurant gastwirtschaft bar wirtschaft
geschaft gewerbe betrieb laden firma unternehmen
haus gebaude bauwerk
bauen errichten errichtung bauvorhaben
auskunft information informationen angaben
akte akten unterlagen akteneinsicht
heirat heiraten ehe eheschliessung trauung
geburt geboren neugeborene
nachname familienname geburtsname
einburgerung staatsangehorigkeit staatsburgerschaft
tod sterbefall gestorben verstorben
kita kindertagesstatte kindertageseinrichtung kindergarten tageseinrichtung kindertagespflege
urne asche aschenurne urnenbeisetzung
beerdigung bestattung beisetzung begrabnis
schwimmbad freibad hallenbad strandbad badeanstalt
mulltonne abfallbehalter restmullbehalter
unterhalt unterhaltsvorschuss unterhaltsleistung
sozialhilfe sozialamt
asyl asylbewerber fluchtling gefluchtete
krank krankheit erkrankung
anhorung anhoren ausserung aussern stellungnahme
bescheid verwaltungsakt entscheidung
rucknahme zurucknehmen widerruf widerrufen aufhebung aufheben
zuruckzahlen ruckzahlung erstattung erstatten ruckforderung
befangen befangenheit interessenkonflikt
verwandte angehorige angehoriger familienangehorige
zustellung zustellen zugang zugehen bekanntgabe bekanntgeben
klage klagen gericht
mull abfall
grundstuck flurstuck
online elektronisch digital internet
foto lichtbild
unterschrift unterschreiben unterzeichnen
auslander auslandisch
geld betrag zahlung
zweite dritte vierte weitere
`;

const byStem = new Map<string, string[]>();
for (const line of GROUPS.trim().split('\n')) {
  const stems = [...new Set(line.trim().split(/\s+/).map((w) => stem(fold(w))))];
  for (const s of stems) byStem.set(s, [...new Set([...(byStem.get(s) ?? []), ...stems.filter((o) => o !== s)])]);
}

/** Stems of the word's synonyms (not the word's own stem). */
export function synonymsOf(stemmed: string): string[] {
  return byStem.get(stemmed) ?? [];
}
