import { stem, type Language } from '../text/languages.js';

/**
 * A small English–German glossary of news, business and technology words, used to
 * carry an offline question into the other corpus language. Names and numbers cross
 * languages by themselves; these are the common words that do not. With a language
 * model configured, model-written translations of the question do this job better;
 * the glossary is the floor that works with no model at all.
 *
 * Each line: English forms = German forms, alternatives separated by "|".
 */
const PAIRS = `
leave|left|leaving|quit|depart|departure|exit|resign|resigned|resignation = abgang|verlassen|verließ|ausstieg|ausgestiegen|austritt|rücktritt|zurückgetreten
board = vorstand|aufsichtsrat
found|founded|founder|founding|cofounded|co-founded|establish|established = gründen|gründeten|gegründet|gründer|gründung|mitgegründet|mitbegründer
donate|donated|donation|gave|give|backer|benefactor|funding|fund|funded|bankroll|bankrolled|finance|financed = spende|spendete|gespendet|geldgeber|finanzierung|finanziert|finanzieren|geben|gegeben
invest|invested|investment|investor = investieren|investiert|investition|investor|investoren
money|dollars = geld|dollar
million|millions = million|millionen
billion|billions = milliarde|milliarden
largest|biggest = größte|größten|größter
lawsuit|sue|sued|suing|complaint = klage|verklagte|verklagt|klagen
court|trial|judge = gericht|gerichtsdokumente|prozess|richter
documents = dokumente|unterlagen
email|emails|mail = e-mail|e-mails|mail
offer|offered = angebot|angeboten
capacity|capacities = kapazität|kapazitäten
worth|value = wert
stop|halt|block = stoppen|stopp|verhindern
plan|plans = plan|pläne
credibility|trust|trustworthy|untrustworthy = glaubwürdigkeit|vertrauen|vertrauenswürdig
power|control|controlling = macht|kontrolle|kontrollieren|führung
chief|head = chef
scientist = wissenschaftler
threat|threatening|dangerous = bedrohung|bedrohlich|gefährlich|gefährdete
mission = mission
nonprofit|non-profit|charity|charitable = gemeinnützig|gemeinnützige|non-profit|gemeinwohl
profit|for-profit|profits|commercial = profit|gewinn|gewinnorientiert|gewinnorientierten|kommerziell
structure = struktur
company|companies|firm|startup|start-up = unternehmen|firma|start-up
merge|merger|merging = fusionieren|fusion|zusammenschluss
reject|rejected|refused|refuse|rejection = ablehnung|abgelehnt|lehnte|zurückgewiesen
proposal|proposed|suggest|suggested = vorschlag|vorgeschlagen|schlug
rude|rudely = rüde|unhöflich
weekly = wöchentlich|wöchentliche
monthly = monatlich|monatliche
users|user = nutzer|benutzer
social|network = sozial|sozialen|netzwerk
media = medien
data|center|centre|datacenter = rechenzentrum|megarechenzentrum|daten
chips|chip = chips|chip
brain|brains = gehirn|gehirns
implant|implants = implantat|implantate|gehirnimplantaten
computer = computer
space|satellite|satellites = weltraum|raumfahrt|satellit|satelliten
rocket|launch|launched|launches = rakete|start|startete|brachte
self-driving|autonomous|driving = autonomes|autonomen|fahren
robotaxi|robotaxis|robot = roboterautos|roboter
car|cars|automotive|automobile = auto|autos|automobilindustrie
dinner = abendessen
excluded|exclude|uninvited = ausgeschlossen
president = präsident
friends|friendship|friend = freunde|freundschaft|befreundet
enemies|enemy|rivals|rival|rivalry = feinde|feind|rivale|rivalen|rivalität
feud|fight|battle|conflict|dispute = fehde|kampf|konflikt|streit|disput
hatred|hate = hass
angry|angered|anger = erzürnte|wütend|zorn
competition|compete|competitor|competitors = wettbewerb|konkurrenz|konkurrenten|konkurrieren
monopoly|monopolize|anticompetitive|antitrust = monopol|monopolisieren|wettbewerbswidrig
app|store = app|store
integration|integrate|integrating = integration|integrieren|integriert
version = version
human|humanity|mankind = mensch|menschheit|menschlichen
feedback = feedback
artificial|intelligence|ai = künstliche|künstlicher|intelligenz|ki
safety|safe = sicherheit|sicher|sichere
regulation|regulate|regulated = regulierung|regulieren
ethics|ethical = ethik|ethisch
transparency = transparenz
internal = intern|interne
conflict|conflicts = konflikt|konflikte
early|years = frühen|jahre
decision|decisions = entscheidung|entscheidungen
future = zukunft
government = regierung
world|global = welt|global|weltweit
most|powerful = leistungsstärkste|mächtigste
fastest = schnellste
cost|costs|need|needs = kosten|benötigt|braucht
public|offering|ipo = börsengang|öffentlich
coin = coin
partner|partnership = partner|partnerschaft
alliance = allianz
dissolved = aufgelöst
accuse|accused|accuses = vorwerfen|wirft|vorgeworfen
betray|betrayed = verraten|verrat
idealism|ideals = idealismus|ideale
pragmatism = pragmatismus
richest|wealthy = reichsten|reich
genius|geniuses = genie|genies
start|started|starting|began|begin|beginning = begann|beginn|begonnen|starten|seit
defense|defence|military|weapon|weapons|arms = verteidigung|rüstung|militär|waffe|waffen
prosecutor|prosecutors|attorney = staatsanwalt|staatsanwälte|staatsanwaltschaft
risk|risks = risiko|risiken
release|released|publish|published = veröffentlichung|veröffentlicht|veröffentlichen
irresponsible|reckless = unverantwortlich|leichtsinnig
small = klein|kleine|kleinen
california = kalifornien
germany = deutschland
france = frankreich
united states|america|american|us|usa = usa|vereinigte staaten|amerika|amerikanisch
europe|european = europa|europäisch
weather = wetter
develop|developing|development = entwickeln|entwickelt|entwicklung
`;

interface Entry {
  readonly stems: Record<Language, readonly string[]>;
}

function formsToStems(forms: string, language: Language): string[] {
  return forms
    .split('|')
    .flatMap((form) => form.trim().toLowerCase().replace(/-/g, '').split(/\s+/))
    .filter(Boolean)
    .map((w) => stem(w, language));
}

const ENTRIES: readonly Entry[] = PAIRS.trim()
  .split('\n')
  .map((line) => {
    const [en = '', de = ''] = line.split('=');
    return { stems: { en: formsToStems(en, 'en'), de: formsToStems(de, 'de') } };
  });

/** stem -> entries containing it, per language. */
const INDEX: Record<Language, Map<string, Entry[]>> = { en: new Map(), de: new Map() };
for (const entry of ENTRIES) {
  for (const language of ['en', 'de'] as const) {
    for (const s of entry.stems[language]) {
      const list = INDEX[language].get(s) ?? [];
      list.push(entry);
      INDEX[language].set(s, list);
    }
  }
}

/**
 * Stems the glossary gives in `to` for a word whose stem in `from` is `stemmed`: its
 * translations, or its synonyms when both languages are the same. Empty when the
 * glossary has no entry.
 */
export function translateStem(stemmed: string, from: Language, to: Language): string[] {
  const entries = INDEX[from].get(stemmed) ?? [];
  return [...new Set(entries.flatMap((e) => e.stems[to]))];
}

/** Every stem the glossary knows in a language: words a misspelt question word may have meant. */
export function glossaryStems(language: Language): IterableIterator<string> {
  return INDEX[language].keys();
}
