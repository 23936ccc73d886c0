import { getCorpusVersion } from '../corpus/corpusMeta.js';
import type { Db } from '../db/database.js';
import type { SemanticSearch } from '../embeddings/semanticSearch.js';
import type { ChatModel } from '../llm/chatModel.js';
import type { OutputModeMemory } from '../llm/modelAnswerer.js';
import { translateQuery } from '../llm/queryTranslator.js';
import type { Logger } from '../logger.js';
import type { Question } from './question.js';
import type { FusionMethod } from '../retrieval/fuse.js';
import { corpusLanguages, searchPassages, type Retrieval } from '../retrieval/searchPassages.js';
import { RETRIEVAL_PARAMETERS } from '../retrieval/retrievalParameters.js';

export interface RetrieverDeps {
  readonly db: Db;
  readonly logger: Logger;
  /** With a model, its translations of the question are searched too. */
  readonly model: ChatModel | undefined;
  readonly modes: OutputModeMemory;
  readonly write: (fn: () => void) => void;
  /** Runs a model call within the concurrency bound. */
  readonly limit: <T>(task: () => Promise<T>) => Promise<T>;
  /** Vector search, when embeddings are configured. */
  readonly semantic: SemanticSearch | null;
  readonly fusion: FusionMethod | undefined;
  /** False under RETENTION_DAYS=0 (see QueryTranslatorDeps). */
  readonly keepQuestions?: boolean;
}

/** The passages found, and the corpus version they were found in (read in the same snapshot). */
export type Retrieved = Retrieval & { readonly corpusVersion: string | null };

export type Retriever = (question: Question, limit: number, corpusVersion: string | null) => Promise<Retrieved>;

/**
 * Retrieval as `ask` does it: the question's own words, the model's translations of it
 * (when a model is configured) and its nearest vectors (when embeddings are), fused.
 */
export function createRetriever(deps: RetrieverDeps): Retriever {
  const { db, semantic } = deps;
  return async (question, limit, corpusVersion) => {
    const [extraQueries, nearest] = await Promise.all([
      translations(deps, question.text, corpusVersion),
      semantic ? semantic.nearest(question.cleaned, Math.max(RETRIEVAL_PARAMETERS.semanticCandidates, limit * 4)) : [],
    ]);
    // One read transaction: the version and the passages come from the same snapshot, even when
    // another process commits a reload between the two reads.
    return db.transaction((): Retrieved => ({
      ...searchPassages(db, question.text, {
        ...{ limit, extraQueries, semantic: nearest, fusion: deps.fusion },
        writtenIn: question.writtenIn,
      }),
      corpusVersion: getCorpusVersion(db),
    }))();
  };
}

/** The model's search queries for the question in each corpus language; none without a model, or when it is busy. */
async function translations(deps: RetrieverDeps, question: string, corpusVersion: string | null): Promise<string[]> {
  const { model } = deps;
  if (!model || !corpusVersion || !question.trim()) return [];
  const translatorDeps = { ...deps, model };
  return translateQuery(translatorDeps, question, corpusLanguages(deps.db), corpusVersion);
}
