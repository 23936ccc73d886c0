/** An amount of money written in a sentence, and its value in units of its currency. */
export interface MoneyFigure {
  readonly text: string;
  readonly value: number;
  readonly currency: 'USD' | 'EUR';
}

const SCALES: Record<string, number> = {
  thousand: 1e3,
  tsd: 1e3,
  million: 1e6,
  millions: 1e6,
  mio: 1e6,
  millionen: 1e6,
  billion: 1e9, // English short scale
  billions: 1e9,
  mrd: 1e9,
  milliarde: 1e9,
  milliarden: 1e9,
  trillion: 1e12,
  billionen: 1e12, // German long scale: eine Billion is a thousand Milliarden
};
const SCALE = Object.keys(SCALES).join('|');
const NUMBER = String.raw`\d{1,3}(?:[.,\s]\d{3})*(?:[.,]\d+)?|\d+(?:[.,]\d+)?`;

// "$1 billion", "US$ 44 million", "€5 Mio.", "44 Millionen Dollar", "10 Milliarden US-Dollar", "5 million euros".
const BEFORE = new RegExp(String.raw`(US\$|\$|€)\s?(${NUMBER})(?:\s?(${SCALE})\b\.?)?`, 'giu');
const AFTER = new RegExp(
  String.raw`(${NUMBER})\s?(?:(${SCALE})\b\.?\s?)?(US-Dollar|Dollar|dollars?|USD|Euro|euros?|EUR)\b`,
  'giu',
);

/** The amounts of money a sentence names, in English or German notation. */
export function moneyFigures(sentence: string): MoneyFigure[] {
  const out: MoneyFigure[] = [];
  for (const m of sentence.matchAll(BEFORE)) {
    out.push(figure(m[0], m[2]!, m[3], m[1] === '€' ? 'EUR' : 'USD'));
  }
  for (const m of sentence.matchAll(AFTER)) {
    if (out.some((f) => f.text.includes(m[1]!))) continue;
    out.push(figure(m[0], m[1]!, m[2], /eur/i.test(m[3]!) ? 'EUR' : 'USD'));
  }
  return out;
}

function figure(
  text: string,
  number: string,
  scale: string | undefined,
  currency: MoneyFigure['currency'],
): MoneyFigure {
  return { text: text.trim(), value: parseNumber(number) * (scale ? (SCALES[scale.toLowerCase()] ?? 1) : 1), currency };
}

/** "1,000", "1.000" (German thousands), "1.5", "1,5" (German decimal). */
function parseNumber(text: string): number {
  const compact = text.replace(/\s/g, '');
  if (/^\d{1,3}([.,])\d{3}(\1\d{3})*$/.test(compact)) return Number(compact.replace(/[.,]/g, ''));
  return Number(compact.replace(',', '.'));
}
