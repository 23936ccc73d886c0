import type { ChatModel } from '../llm/chatModel.js';
import { BusyError, type Limiter } from '../llm/limiter.js';
import type { Logger } from '../logger.js';
import type { Language } from '../text/languages.js';
import { getCorpusVersion } from '../corpus/corpusMeta.js';
import type { Db } from '../db/database.js';
import type { SearchHit } from '../retrieval/searchPassages.js';
import { readQuestion, reworded } from './question.js';
import { boostPrevious, combinedQuestion, condenseQuestion, type ConversationTurn } from './conversation.js';
import type { Retriever } from './retriever.js';

/** How a question is read: what to search for, and what to ask the model. */
export interface Understood {
  readonly search: string;
  readonly forModel: string;
}

/**
 * A question alone is read as it is. A follow-up is rewritten by the model into a question
 * that stands alone; without a model, or when the rewrite fails or the model is busy, its
 * words are searched with those of the question before (and the model, if any, gets the
 * follow-up as asked, with the conversation as context).
 */
export async function understand(
  deps: { model: ChatModel | undefined; limiter: Limiter; logger: Logger },
  question: string,
  history: readonly ConversationTurn[],
  language: Language,
): Promise<Understood> {
  if (history.length === 0) return { search: question, forModel: question };
  const { model } = deps;
  const rewritten = model
    ? await deps.limiter
        .run(() => condenseQuestion({ model, logger: deps.logger }, question, history, language))
        .catch((error: unknown) => {
          if (error instanceof BusyError) return null;
          throw error;
        })
    : null;
  return rewritten
    ? { search: rewritten, forModel: rewritten }
    : { search: combinedQuestion(question, history), forModel: question };
}

/** Search as `ask` does, a follow-up read with its conversation (the CLI's search and the evals). */
export async function retrieveAsAsked(
  deps: { model: ChatModel | undefined; limiter: Limiter; logger: Logger; db: Db; retrieve: Retriever },
  question: string,
  options: { limit?: number; history?: readonly ConversationTurn[] } = {},
): Promise<SearchHit[]> {
  const history = options.history ?? [];
  const asked = readQuestion(question);
  const understood = await understand(deps, question, history, asked.answerIn);
  const found = await deps.retrieve(reworded(asked, understood.search), options.limit ?? 5, getCorpusVersion(deps.db));
  return boostPrevious(found.hits, history);
}
