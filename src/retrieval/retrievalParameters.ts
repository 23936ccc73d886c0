/** Most passages one search returns (the CLI's --limit is checked against it too). */
export const MAX_LIMIT = 50;

/**
 * Every number that tunes retrieval, in one place, each with the reason for its value (the
 * measurements behind them are in docs/retrieval.md and docs/quality.md). `searchPassages`
 * takes a partial override (`SearchOptions.parameters`) for the ranking stages, the way
 * MiniSearch takes its search options; the lower layers read these defaults.
 */
export const RETRIEVAL_PARAMETERS = {
  // --- The question's words ---
  /** Most words of a question the corpus knows that are searched; the rest of a pasted essay is ignored. */
  maxQueryWords: 32,
  /**
   * Most words of a question looked up at all. Words the corpus never saw do not use up
   * maxQueryWords ("lol" forty times, then "Altman Musk"), but each costs a look-up.
   */
  maxWordsLookedUp: 128,
  /** Weight of a word the question misspelt, relative to one it spelt right: a correction may be wrong. */
  typoWeight: 0.8,
  /** Weight of a word found only through parts of it ("verfeindet" through "feind"): weaker evidence still. */
  partsWeight: 0.6,
  /** Shortest known term that counts as a part of a longer unknown word; shorter ones match by chance. */
  minPart: 5,
  /** Shortest unknown word searched for parts: shorter words are rarely compounds. */
  minWordForParts: 7,

  // --- Lexical search ---
  /** A word in more than this share of passages is left out of the first MATCH (it still counts for scoring). */
  commonWordShare: 0.3,
  /**
   * BM25 candidates re-scored per query: enough that a passage with all the words close
   * together is among them. The same for every caller, so that the first five of a search for
   * fifty are the five a search for five finds.
   */
  lexicalCandidates: 100,
  /** Index terms apart that still count as "together" for proximity. */
  proximityWindow: 3,
  /** Words of context either side of the first highlighted word in a snippet. */
  snippetWords: 32,

  // --- Fusion ---
  /** Nearest vectors fused with the lexical candidates (at least four times the passages asked for). */
  semanticCandidates: 50,
  /** The usual constant of reciprocal rank fusion (Cormack et al., 2009): damps the weight of the very top ranks. */
  rrfK: 60,

  // --- Ranking stages after fusion (rankingStages.ts) ---
  /**
   * Share of a passage's score that the next passage of its article inherits. News text tells
   * an event and then its answer in the next paragraph (a response, a reason, an outcome),
   * often without repeating the names asked about. Small on purpose: the follower comes after
   * the passage it follows and after passages that match the question themselves.
   */
  followerShare: 0.3,
  /** The best passages whose followers are considered: the ones an answer is built from. */
  leadingPassages: 5,
  /**
   * How much more a passage in the asker's language is worth, as a share of its score: enough
   * to win a near tie (two articles in two languages telling the same story), far too little to
   * lift a passage that matches fewer of the question's words.
   */
  askerLanguageEdge: 0.05,
  /** Lexical matches of a definition question's subject searched for an introduction of it. */
  definitionCandidates: 50,
  /** Shortest word of a publisher or author that names a source: shorter ones are host-name noise ("www", "com"). */
  minSourceNameLength: 5,
} as const;

export type RetrievalParameters = { readonly [K in keyof typeof RETRIEVAL_PARAMETERS]: number };
