/**
 * Abbreviations and interjections of chat, in any language, that carry no topic: a
 * question's word the corpus never saw is what the question is about ("net worth", "jury",
 * "GPT-6") unless it is one of these. General chat usage, not taken from any question set.
 */
const CHAT_FILLER = new Set(
  `lol lmao lmfao rofl haha hahaha hehe xd omg omfg wtf wth smh tbh ngl imo imho idk idc iirc afaik fyi
   btw rn fr frfr ong pls plz plox thx ty tysm np nvm jk ikr irl bc cuz cos coz tho ya yah yeah yea yep yup
   nah nope ok okay kk hm hmm hmmm uh uhh um umm eh bruh bro dude fam yo ye u ur wtv whatevs
   srsly ofc obv tl dr tldr gg ez lowkey highkey deadass ig istg mb asap pov
   lel xdd digga jo joa jup nö nee naja achso ach oh ah aha hä vllt vlt evtl iwie iwas kp mmn lg vg hdl`
    .split(/\s+/)
    .filter(Boolean),
);

/** Is the word chat filler (case-insensitive), with its letters repeated or not ("lolll", "plsss")? */
export function isChatFiller(word: string): boolean {
  const lower = word.toLowerCase();
  return CHAT_FILLER.has(lower) || CHAT_FILLER.has(lower.replace(/(\p{L})\1+$/u, '$1'));
}
