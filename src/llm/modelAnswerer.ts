import { describeError } from './describeError.js';
import type { Citation } from '../answer/types.js';
import type { Logger } from '../logger.js';
import type { SearchHit } from '../retrieval/searchPassages.js';
import type { Language } from '../text/languages.js';
import {
  MODEL_ANSWER_JSON_SCHEMA,
  parsePlainAnswer,
  parseStructuredAnswer,
  partialAnswerField,
} from './answerFormat.js';
import { type ChatModel, type ChatReply, type TokenUsage, StructuredOutputUnsupportedError } from './chatModel.js';
import { buildAnswerMessages } from './prompt.js';
import { sanitizeModelText, verifyCitations } from './verifyCitations.js';

/** Token budget of an answer: ~180 words is ~300 tokens; the rest is slack for JSON and German. */
export const ANSWER_MAX_TOKENS = 700;

export type ModelOutcome =
  | { ok: true; answered: true; answer: string; citations: Citation[]; usage: TokenUsage | null }
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
): Promise<ModelOutcome> {
  let reply: ChatReply;
  let structured = !deps.modes.usesPlainText(deps.model.model);
  try {
    reply = await ask(deps.model, question, hits, language, structured, onPartial);
  } catch (error) {
    if (!(error instanceof StructuredOutputUnsupportedError))
      return { ok: false, reason: describeError(error), usage: null };
    deps.logger.warn(
      { model: deps.model.model, cause: error.message },
      'server rejects structured output; using plain text from now on',
    );
    deps.modes.rememberPlainText(deps.model.model);
    structured = false;
    try {
      reply = await ask(deps.model, question, hits, language, structured, onPartial);
    } catch (retryError) {
      return { ok: false, reason: describeError(retryError), usage: null };
    }
  }

  const usage = reply.usage;
  if (reply.refusal) return { ok: false, reason: `model refused: ${reply.refusal.slice(0, 200)}`, usage };
  if (reply.finishReason === 'content_filter') return { ok: false, reason: 'content filter', usage };
  if (reply.finishReason === 'length') return { ok: false, reason: 'reply cut at the token budget', usage };

  const parsed = structured ? parseStructuredAnswer(reply.content) : parsePlainAnswer(reply.content);
  if (!parsed) return { ok: false, reason: 'malformed reply (not the JSON asked for)', usage };
  if (!parsed.answered) return { ok: true, answered: false, usage };

  const verified = verifyCitations(sanitizeModelText(parsed.answer), hits);
  if (verified.dropped.length > 0) {
    deps.logger.warn({ dropped: verified.dropped, sent: hits.length }, 'model cited passages that were not sent');
  }
  if (verified.citations.length === 0) return { ok: false, reason: 'no valid citation in the reply', usage };
  if (!verified.answer.replace(/\[\d+\]/g, '').trim()) return { ok: false, reason: 'empty answer', usage };
  return { ok: true, answered: true, answer: verified.answer, citations: verified.citations, usage };
}

async function ask(
  model: ChatModel,
  question: string,
  hits: readonly SearchHit[],
  language: Language,
  structured: boolean,
  onPartial?: (text: string) => void,
): Promise<ChatReply> {
  let buffer = '';
  let shown = '';
  const onDelta = onPartial
    ? (delta: string) => {
        buffer += delta;
        const text = structured ? partialAnswerField(buffer) : buffer;
        if (text !== shown) {
          shown = text;
          onPartial(sanitizeModelText(text));
        }
      }
    : undefined;
  return model.chat({
    messages: buildAnswerMessages(question, hits, language, structured),
    maxTokens: ANSWER_MAX_TOKENS,
    ...(structured ? { jsonSchema: { name: 'feudbot_answer', schema: MODEL_ANSWER_JSON_SCHEMA } } : {}),
    ...(onDelta ? { onDelta } : {}),
  });
}
