import { getCorpusVersion } from '../corpus/corpusMeta.js';
import type { Db } from '../db/database.js';
import type { ChatModel, TokenUsage } from '../llm/chatModel.js';
import { BusyError, type Limiter } from '../llm/limiter.js';
import { answerWithModel, type ModelOutcome, type OutputModeMemory } from '../llm/modelAnswerer.js';
import type { Logger } from '../logger.js';
import type { SearchHit } from '../retrieval/searchPassages.js';
import { readQuestion, reworded } from './question.js';
import type { Language } from '../text/languages.js';
import { normalizeQuestion } from '../text/normalizeQuestion.js';
import { judgeAnswerability, type Refusal } from './answerability.js';
import { type AnswerKey, type Asker, getCachedAnswer, putCachedAnswer } from './answerStore.js';
import { buildExtractiveAnswer } from './extractiveAnswer.js';
import { say } from '../i18n/words.js';
import type { Retriever } from './retriever.js';
import { boostPrevious, type ConversationTurn, HISTORY_TURNS, historyForPrompt } from './conversation.js';
import { understand } from './followUp.js';
import { recordAnswer } from './recordAnswer.js';
import { chargeTokens, checkBudget } from './modelBudget.js';
import type { TokenBudgets } from '../llm/tokenBudget.js';
import type { Answered, AskResult, Busy, Judged } from './types.js';

/** Passages handed to the answerer. */
const PASSAGES_PER_ANSWER = 5;
/** The least confidence of a model's answer whose citations all check out. */
const MODEL_ANSWER_FLOOR = 0.6;

export interface AskOptions {
  /** The language to answer in (e.g. from a Discord locale); by default the question's own. */
  readonly language?: Language;
  /** Called with the answer text so far while a model streams it (for progress in a chat). */
  readonly onPartial?: (text: string) => void;
  /** Who asked (ids only), for the answer log: /insights and a member's deletion use it. */
  readonly asker?: Asker;
  /** The conversation so far, oldest first: the question is then read as a follow-up. */
  readonly history?: readonly ConversationTurn[];
}

export interface AnsweringDeps {
  readonly db: Db;
  readonly logger: Logger;
  /** Without a model, answers quote the articles. */
  readonly model: ChatModel | undefined;
  readonly limiter: Limiter;
  readonly modes: OutputModeMemory;
  /** Where the cache and log writes go (see WriteGate). */
  readonly write: (fn: () => void) => void;
  readonly retrieve: Retriever;
  /** False under RETENTION_DAYS=0: no question text is written anywhere (log or cache). */
  readonly keepQuestions: boolean;
  /** Daily model-token budgets per member and per server; absent: unlimited. */
  readonly budgets?: TokenBudgets;
}

type Base = Pick<AskResult, 'question' | 'language' | 'corpusVersion'>;

/**
 * Answer a question: from the answer cache; else retrieve, decide whether the articles
 * cover it, and answer with the model (falling back to quoting when it fails) or by
 * quoting. Every answer is logged with what it cost.
 */
export async function answerQuestion(
  deps: AnsweringDeps,
  question: string,
  options: AskOptions = {},
): Promise<AskResult> {
  const started = performance.now();
  const asked = readQuestion(question, options.language);
  const language = asked.answerIn;
  const corpusVersion = getCorpusVersion(deps.db);
  let base: Base = { question, language, corpusVersion };
  const record = <R extends Judged | Busy>(result: R, usage: TokenUsage | null) =>
    recordAnswer(deps, result, usage, started, options.asker ?? null);
  if (!question.trim()) return record({ ...base, ...quotedRefusal('empty', say('emptyQuestion', language)) }, null);

  const { model } = deps;
  const history = options.history?.slice(-HISTORY_TURNS) ?? [];
  const understood = await understand(deps, question, history, language);
  const standalone = understood.search !== question ? { standalone: understood.search } : {};
  // Keyed by the question as understood: "and when was that?" means something else in every conversation.
  const key = model && corpusVersion ? answerKey(understood.search, language, corpusVersion, model.model) : null;
  const cached = key ? getCachedAnswer(deps.db, key) : null;
  if (cached) return record({ ...cached, question, ...standalone, cached: true }, null);

  const found = await deps.retrieve(reworded(asked, understood.search), PASSAGES_PER_ANSWER, corpusVersion);
  const retrieval = { ...found, hits: boostPrevious(found.hits, history) };
  // The answer shows the version its passages came from, even if a reload ran while it was awaited.
  base = { ...base, corpusVersion: found.corpusVersion };
  // The answer type comes from the question as asked or rewritten, never from words added from the turn before.
  const verdict = judgeAnswerability(understood.forModel, retrieval, { withModel: model !== undefined });
  if (!verdict.answerable)
    return record({ ...base, ...standalone, ...quotedRefusal(verdict.refusal, say('notCovered', language)) }, null);
  const quote = () => ({
    outcome: 'answered' as const,
    mode: 'extractive' as const,
    ...buildExtractiveAnswer(retrieval.hits, language, verdict.focus, { alreadyQuoted: history.at(-1)?.answer ?? '' }),
    confidence: round(verdict.confidence),
  });
  if (!model) return record({ ...base, ...standalone, ...quote() }, null);

  // Past a daily budget the member gets the quoted answer, with a line saying why.
  const budget = checkBudget(deps, options.asker ?? null);
  if (budget.reached) {
    const fallbackReason = `daily token budget of the ${budget.reached} reached`;
    return record({ ...base, ...standalone, ...quote(), fallbackReason, budgetReached: budget.reached }, null);
  }
  const conversation = historyForPrompt(history);
  const forModel = { question: understood.forModel, hits: retrieval.hits, language, conversation };
  const outcome = await askModel(deps, model, forModel, options.onPartial);
  if (outcome === 'busy')
    return record(
      { ...base, ...standalone, outcome: 'busy', answer: say('busy', language), citations: [] } as const,
      null,
    );
  chargeTokens(deps, budget.spender, outcome.usage);
  const result = { ...resultOfModel(deps, base, model.model, outcome, quote, verdict.confidence), ...standalone };
  // Fallbacks are not cached: the model may well answer the next time.
  if (key && result.mode === 'llm') cacheIfCurrent(deps, key, found.corpusVersion, result);
  return record(result, outcome.usage);
}

/** A refusal decided before any model saw the question. */
function quotedRefusal(refusal: Refusal, answer: string) {
  return { outcome: 'refused', refusal, mode: 'extractive', citations: [], answer } as const;
}

function answerKey(question: string, language: Language, corpusVersion: string, model: string): AnswerKey {
  return { question: normalizeQuestion(question), language, corpusVersion, model };
}

/** Cache an answer only for the version its passages came from, and only while that is the current one. */
function cacheIfCurrent(deps: AnsweringDeps, key: AnswerKey, foundIn: string | null, result: Judged): void {
  if (!deps.keepQuestions || key.corpusVersion !== foundIn || getCorpusVersion(deps.db) !== foundIn) return;
  deps.write(() => putCachedAnswer(deps.db, key, result));
}

async function askModel(
  deps: AnsweringDeps,
  model: ChatModel,
  {
    question,
    hits,
    language,
    conversation,
  }: { question: string; hits: readonly SearchHit[]; language: Language; conversation: string },
  onPartial: ((text: string) => void) | undefined,
): Promise<ModelOutcome | 'busy'> {
  const { limiter, logger, modes } = deps;
  try {
    return await limiter.run(() =>
      answerWithModel({ model, logger, modes }, question, hits, language, onPartial, conversation),
    );
  } catch (error) {
    if (!(error instanceof BusyError)) throw error;
    logger.warn({ active: limiter.active, waiting: limiter.waiting }, 'model busy; question turned away');
    return 'busy';
  }
}

/**
 * A model's answer, or its refusal, or the quoted answer when it failed. A model that
 * answered with citations that check out is fairly sure whatever the words say; the
 * passages' own coverage raises that, and citations it made up lower it.
 */
function resultOfModel(
  deps: AnsweringDeps,
  base: Base,
  model: string,
  outcome: ModelOutcome,
  quote: () => Pick<Answered, 'outcome' | 'mode' | 'answer' | 'citations' | 'confidence'>,
  coverage: number,
): Judged {
  if (!outcome.ok) {
    deps.logger.warn({ reason: outcome.reason, model }, 'model answer failed; quoting the articles instead');
    return { ...base, ...quote(), fallbackReason: outcome.reason };
  }
  const fromModel = { ...base, mode: 'llm' as const, model };
  if (!outcome.answered) {
    const answer = say('notCovered', base.language);
    return { ...fromModel, outcome: 'refused', refusal: 'not-covered', answer, citations: [] };
  }
  const verified = outcome.citations.length / (outcome.citations.length + outcome.dropped);
  const confidence = round((MODEL_ANSWER_FLOOR + (1 - MODEL_ANSWER_FLOOR) * coverage) * verified);
  return { ...fromModel, outcome: 'answered', answer: outcome.answer, citations: outcome.citations, confidence };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
