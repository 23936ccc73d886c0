import type { Language } from './languages.js';

// Function words that carry no topic. Kept short on purpose: a word missing here
// only costs a little ranking noise, a content word wrongly listed here makes a
// question unanswerable.
const EN = `a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing done down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself just me
more most my myself no nor not now of off on once only or other our ours ourselves out over own same
she should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will with would
you your yours yourself yourselves s t let lets tell say says said please anything something thing things
know explain happened happen get got much many near according
like still yet ever even really actually currently quite rather`;

const DE = `aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes
auch auf aus bei bin bis bist da damit dann das dass dein deine dem den denn der des dessen deshalb die
dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines er es etwas
euch euer eure für gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr
ihre im in indem ins ist jede jedem jeden jeder jedes jene jetzt kann kein keine können könnte machen
man manche mein meine mich mir mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein
seine seinem seinen seiner seit sich sie sind so solche soll sollte sondern sonst über um und uns unser
unter viel vom von vor war waren warum was weil welche welchem welchen welcher welches wenn wer werde
werden wie wieder will wir wird wo wollte würde würden zu zum zur zwar zwischen wurde wurden gibt sagt
sagte erzähl erkläre bitte wann wieso weshalb wem wen laut viele vielen
welchem gab`;

const toSet = (text: string): ReadonlySet<string> => new Set(text.split(/\s+/).filter(Boolean));

const STOPWORDS: Record<Language, ReadonlySet<string>> = { en: toSet(EN), de: toSet(DE) };

/** True when the lower-cased word is a function word of that language. */
export function isStopword(word: string, language: Language): boolean {
  return STOPWORDS[language].has(word);
}

/** How many of the words are function words of the language; used to guess a question's language. */
export function countStopwords(words: readonly string[], language: Language): number {
  return words.reduce((n, w) => (STOPWORDS[language].has(w) ? n + 1 : n), 0);
}
