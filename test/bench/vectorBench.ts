import type { Db } from '../../src/db/database.js';
import { type Embedder, toUnitVectors } from '../../src/embeddings/embedder.js';
import { createOpenAiEmbedder } from '../../src/embeddings/openAiEmbedder.js';
import { createSemanticSearch, type SemanticSearch } from '../../src/embeddings/semanticSearch.js';
import { saveVectors } from '../../src/embeddings/vectorStore.js';
import type { EvalQuestion } from '../../src/evaluation/runEval.js';
import { searchPassages, type SemanticHit } from '../../src/retrieval/searchPassages.js';
import { fakeVector } from '../helpers/fakeEmbeddings.js';
import { silentLogger } from '../helpers/corpus.js';
import { startMiniLmServer } from '../helpers/miniLmServer.js';
import { percentile, round } from './stats.js';

/** The dimension of the stand-in vectors: all-MiniLM-L6-v2's, the smallest common one. */
export const BENCH_DIM = 384;
const ROUNDS = 3;

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
}

export interface VectorSearchResult {
  dim: number;
  /** Reading every vector from SQLite into the in-memory index, once (the first question after start-up). */
  indexBuildMs: number;
  /** The nearest 50 passages for a question vector, in memory (what the bot does). */
  vectorSearch: Latency;
  /** The same query on sqlite-vec's float KNN table, side by side. */
  sqliteVec: Latency;
  /** searchPassages with the vector hits fused in, against the words alone. */
  lexical: Latency;
  hybrid: Latency;
  /** hybrid p95 − lexical p95: what vector search adds to a question (the endpoint's time aside). */
  addedP95Ms: number;
}

/** A deterministic in-process embedder: hashed words, as the test fake, at the bench dimension. */
export function hashedEmbedder(model = 'bench-hashed-384', delayMs = 0): Embedder {
  return {
    model,
    async embed(texts) {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return toUnitVectors(
        texts.map((t) => fakeVector(t, BENCH_DIM)),
        texts.length,
      );
    },
  };
}

function latency(samples: number[]): Latency {
  return {
    p50: round(percentile(samples, 50), 3),
    p95: round(percentile(samples, 95), 3),
    p99: round(percentile(samples, 99), 3),
  };
}

async function timeAsync(questions: readonly EvalQuestion[], run: (q: string) => Promise<unknown>): Promise<number[]> {
  for (const q of questions) await run(q.q);
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS; r++)
    for (const q of questions) {
      const t = performance.now();
      await run(q.q);
      samples.push(performance.now() - t);
    }
  return samples;
}

function semanticFor(db: Db, embedder: Embedder): SemanticSearch {
  return createSemanticSearch({ db, embedder, logger: silentLogger, limit: (task) => task(), write: (w) => w() });
}

/**
 * Vector search at this size: hashed stand-in vectors for every passage are stored as a
 * backfill would store them, then questions are searched in memory, on sqlite-vec, and
 * through searchPassages with and without the vector hits.
 */
export async function benchVectorSearch(db: Db, questions: readonly EvalQuestion[]): Promise<VectorSearchResult> {
  const embedder = hashedEmbedder();
  const rows = db.prepare('SELECT DISTINCT text_hash AS hash, text FROM passages').all() as {
    hash: string;
    text: string;
  }[];
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    const vectors = await embedder.embed(batch.map((r) => r.text));
    saveVectors(
      db,
      embedder.model,
      batch.map((r, j) => ({ hash: r.hash, vector: vectors[j]! })),
    );
  }
  const semantic = semanticFor(db, embedder);
  const built = performance.now();
  await semantic.fill(); // nothing to embed: it builds the in-memory index from SQLite
  const indexBuildMs = performance.now() - built;

  const questionVectors = new Map<string, Float32Array>();
  for (const q of questions) questionVectors.set(q.q, (await embedder.embed([q.q]))[0]!);
  const vectorSamples = await timeAsync(questions, (q) => semantic.nearest(q, 50));
  const sqliteVec = await sqliteVecLatency(db, embedder.model, questions, questionVectors);

  const lexical = await timeAsync(questions, async (q) => searchPassages(db, q, { limit: 5 }).hits);
  const hybrid = await timeAsync(
    questions,
    async (q) => searchPassages(db, q, { limit: 5, semantic: await semantic.nearest(q, 50), fusion: 'weighted' }).hits,
  );
  semantic.close();
  return {
    dim: BENCH_DIM,
    indexBuildMs: round(indexBuildMs),
    vectorSearch: latency(vectorSamples),
    sqliteVec,
    lexical: latency(lexical),
    hybrid: latency(hybrid),
    addedP95Ms: round(percentile(hybrid, 95) - percentile(lexical, 95), 2),
  };
}

/** sqlite-vec's brute-force float KNN over the same vectors, in an in-memory database of its own. */
async function sqliteVecLatency(
  db: Db,
  model: string,
  questions: readonly EvalQuestion[],
  questionVectors: ReadonlyMap<string, Float32Array>,
): Promise<Latency> {
  const { default: Database } = await import('better-sqlite3');
  const sqliteVec = await import('sqlite-vec');
  const vec = new Database(':memory:');
  sqliteVec.load(vec);
  vec.exec(`CREATE VIRTUAL TABLE knn USING vec0(embedding float[${BENCH_DIM}] distance_metric=cosine)`);
  const insert = vec.prepare('INSERT INTO knn (rowid, embedding) VALUES (?, ?)');
  const source = db
    .prepare(
      'SELECT p.rowid, v.vector FROM passages p JOIN passage_vectors v ON v.model = ? AND v.text_hash = p.text_hash',
    )
    .iterate(model) as Iterable<{ rowid: number; vector: Buffer }>;
  vec.transaction(() => {
    for (const row of source) insert.run(BigInt(row.rowid), row.vector);
  })();
  const knn = vec.prepare('SELECT rowid, distance FROM knn WHERE embedding MATCH ? AND k = 50');
  const samples = await timeAsync(questions, async (q) => {
    const v = questionVectors.get(q)!;
    return knn.all(Buffer.from(v.buffer, v.byteOffset, v.byteLength));
  });
  vec.close();
  return latency(samples);
}

export interface MiniLmRecallResult {
  passages: number;
  embedSeconds: number;
  /** Needle recall@5, words only, on the same index. */
  lexicalRecallAt5: number;
  /** Words and MiniLM vectors, fused as the core fuses them. */
  hybridRecallAt5: number;
}

/**
 * Needle recall@5 with a real embedding model: every passage embedded by all-MiniLM-L6-v2
 * behind a loopback server, through the real openai client, then the bench questions
 * searched with the vectors fused in. About 4–5 passages a second on two cores.
 */
export async function benchMiniLmRecall(
  db: Db,
  questions: readonly EvalQuestion[],
  recallAt5: (questions: readonly EvalQuestion[], top5: (q: string) => string[]) => number,
): Promise<MiniLmRecallResult> {
  const server = await startMiniLmServer();
  try {
    const embedder = createOpenAiEmbedder({
      apiKey: undefined,
      baseURL: server.baseURL,
      model: server.model,
      timeoutMs: 600_000,
    });
    const semantic = semanticFor(db, embedder);
    const started = performance.now();
    const status = await semantic.fill();
    const embedSeconds = (performance.now() - started) / 1000;
    const nearest = new Map<string, SemanticHit[]>();
    for (const q of questions) nearest.set(q.q, await semantic.nearest(q.q, 50));
    semantic.close();
    return {
      passages: status.embedded,
      embedSeconds: round(embedSeconds),
      lexicalRecallAt5: recallAt5(questions, (q) => searchPassages(db, q, { limit: 5 }).hits.map((h) => h.text)),
      hybridRecallAt5: recallAt5(questions, (q) =>
        searchPassages(db, q, { limit: 5, semantic: nearest.get(q) ?? [], fusion: 'weighted' }).hits.map((h) => h.text),
      ),
    };
  } finally {
    await server.close();
  }
}
