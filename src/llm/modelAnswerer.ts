import { describeError, scrubCredentials } from './describeError.js';
import type { Citation } from '../retrieval/citation.js';
import type { Logger } from '../logger.js';
import type { SearchHit } from '../retrieval/searchPassages.js';
import type { Language } from '../text/languages.js';
import { MODEL_ANSWER_JSON_SCHEMA, parsePlainAnswer, parseStructuredAnswer } from './answerFormat.js';
import { type ChatModel, type ChatReply, type TokenUsage, StructuredOutputUnsupportedError } from './chatModel.js';
import { ANSWER_WORDS, buildAnswerMessages } from './prompt.js';
import { AnswerFieldReader, PROGRESS_MAX_CHARS, progressReporter } from './streamedAnswer.js';
import { sanitizeModelText, verifyCitations } from './verifyCitations.js';

/** Token budget of an answer: ~180 words is ~300 tokens; the rest is slack for JSON and German. */
export const ANSWER_MAX_TOKENS = 700;

/**
 * Words kept of an answer: the prompt asks for about ANSWER_WORDS; a model that ignores it
 * (or a server that ignores max_tokens) is cut at the last sentence that fits.
 */
export const MAX_ANSWER_WORDS = Math.round(ANSWER_WORDS * 1.5);

export type ModelOutcome =
  | { ok: true; answered: true; answer: string; citations: Citation[]; dropped: number; usage: TokenUsage | null }
  | { ok: true; answered: false; usage: TokenUsage | null }
  | { ok: false; reason: string; usage: TokenUsage | null };

/**
 * Remembers, per model, whether the server takes structured output. The first rejection
 * switches to plain text for good (also stored, so a restart does not ask again).
 */
export interface OutputModeMemory {
  usesPlainText(model: string): boolean;
  rememberPlainText(model: string): void;
}

export interface ModelAnswererDeps {
  readonly model: ChatModel;
  readonly logger: Logger;
  readonly modes: OutputModeMemory;
}

/**
 * Ask the model for an answer from the numbered passages and verify it. Never throws:
 * any failure (timeout, HTTP error, junk, refusal, content filter, cut at the token
 * budget, no valid citation) comes back as `ok: false` with the reason, for the caller
 * to fall back to the extractive answer.
 */
export async function answerWithModel(
  deps: ModelAnswererDeps,
  question: string,
  hits: readonly SearchHit[],
  language: Language,
  onPartial?: (text: string) => void,
  /** Earlier turns of a conversation, shown to the model as context it may not cite. */
  conversation = '',
): Promise<ModelOutcome> {
  let reply: ChatReply;
  let structured = !deps.modes.usesPlainText(deps.model.model);
  try {
    reply = await ask(deps.model, question, hits, language, structured, onPartial, conversation);
  } catch (error) {
    if (!(error instanceof StructuredOutputUnsupportedError))
      return { ok: false, reason: describeError(error), usage: null };
    deps.logger.warn(
      { model: deps.model.model, cause: scrubCredentials(error.message) },
      'server rejects structured output; using plain text from now on',
    );
    deps.modes.rememberPlainText(deps.model.model);
    structured = false;
    try {
      reply = await ask(deps.model, question, hits, language, structured, onPartial, conversation);
    } catch (retryError) {
      return { ok: false, reason: describeError(retryError), usage: null };
    }
  }

  const usage = reply.usage;
  if (reply.refusal)
    return { ok: false, reason: `model refused: ${scrubCredentials(reply.refusal).slice(0, 200)}`, usage };
  if (reply.finishReason === 'content_filter') return { ok: false, reason: 'content filter', usage };
  if (reply.finishReason === 'length') return { ok: false, reason: 'reply cut at the token budget', usage };

  const parsed = structured ? parseStructuredAnswer(reply.content) : parsePlainAnswer(reply.content);
  if (!parsed) return { ok: false, reason: 'malformed reply (not the JSON asked for)', usage };
  if (!parsed.answered) return { ok: true, answered: false, usage };

  const verified = verifyCitations(sanitizeModelText(capWords(parsed.answer, MAX_ANSWER_WORDS)), hits);
  if (verified.dropped.length > 0) {
    deps.logger.warn({ dropped: verified.dropped, sent: hits.length }, 'model cited passages that were not sent');
  }
  if (verified.citations.length === 0) return { ok: false, reason: 'no valid citation in the reply', usage };
  if (!verified.answer.replace(/\[\d+\]/g, '').trim()) return { ok: false, reason: 'empty answer', usage };
  return {
    ok: true,
    answered: true,
    answer: verified.answer,
    citations: verified.citations,
    dropped: verified.dropped.length,
    usage,
  };
}

async function ask(
  model: ChatModel,
  question: string,
  hits: readonly SearchHit[],
  language: Language,
  structured: boolean,
  onPartial: ((text: string) => void) | undefined,
  conversation: string,
): Promise<ChatReply> {
  let onDelta: ((delta: string) => void) | undefined;
  if (onPartial) {
    const report = progressReporter(hits, onPartial);
    const reader = new AnswerFieldReader();
    let plain = '';
    onDelta = (delta) => {
      if (structured) reader.push(delta);
      else if (plain.length < PROGRESS_MAX_CHARS) plain += delta;
      report(structured ? reader.text : plain);
    };
  }
  return model.chat({
    messages: buildAnswerMessages(question, hits, language, structured, conversation),
    maxTokens: ANSWER_MAX_TOKENS,
    ...(structured ? { jsonSchema: { name: 'feudbot_answer', schema: MODEL_ANSWER_JSON_SCHEMA } } : {}),
    ...(onDelta ? { onDelta } : {}),
  });
}

/** The text cut to at most `maxWords` words, at the end of a sentence when one ends in the second half. */
export function capWords(text: string, maxWords: number): string {
  const word = /\S+/g;
  let count = 0;
  for (let match = word.exec(text); match !== null; match = word.exec(text)) {
    if (++count <= maxWords) continue;
    const cut = text.slice(0, match.index).trimEnd();
    const sentenceEnd = Math.max(
      cut.lastIndexOf('. '),
      cut.lastIndexOf('! '),
      cut.lastIndexOf('? '),
      cut.lastIndexOf('.\n'),
    );
    const atSentence = /[.!?](?:\s*\[[\d,\s]+\])*$/.test(cut);
    if (atSentence) return cut;
    return sentenceEnd > cut.length / 2 ? cut.slice(0, sentenceEnd + 1) : `${cut} …`;
  }
  return text;
}
