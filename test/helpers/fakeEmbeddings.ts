import { createServer } from 'node:http';
import { listenOnLoopback } from './loopback.js';

/** How the fake answers one /v1/embeddings request. */
export type EmbeddingsBehaviour =
  | { kind: 'vectors' }
  | { kind: 'error'; status: number }
  | { kind: 'hang' }
  /** Every vector one dimension short. */
  | { kind: 'wrongDimension' }
  /** A NaN in the first vector (sent as null: JSON has no NaN). */
  | { kind: 'nan' }
  /** One vector fewer than inputs. */
  | { kind: 'tooFew' }
  /** Every component of every vector this large: finite as a double, not as a float32 (1e39), or not even squared (1e200). */
  | { kind: 'huge'; value: number };

export interface FakeEmbeddings {
  readonly baseURL: string;
  /** Inputs of every request, in order. */
  readonly requests: { model: string; input: string[] }[];
  behave(next: (requestIndex: number) => EmbeddingsBehaviour): void;
  /**
   * Give this text the vector of another text (to make a question "mean" a passage with no
   * shared word), or this very vector.
   */
  alias(text: string, means: string | number[]): void;
  close(): Promise<void>;
}

export const FAKE_DIM = 64;

/**
 * A deterministic embedding: each lower-cased word of the text adds to a few dimensions
 * picked by its hash, so texts that share words get similar vectors, as with a real model.
 */
export function fakeVector(text: string, dim = FAKE_DIM): number[] {
  const v = new Array<number>(dim).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    let h = 2166136261;
    for (const ch of word) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
    for (let i = 0; i < 3; i++) v[(h >>> (i * 8)) % dim]! += i === 0 ? 1 : 0.5;
  }
  v[0]! += 0.01; // never the zero vector
  return v;
}

/** An OpenAI-compatible POST /v1/embeddings server on 127.0.0.1, for the real `openai` client. */
export async function startFakeEmbeddings(): Promise<FakeEmbeddings> {
  const requests: { model: string; input: string[] }[] = [];
  const aliases = new Map<string, string | number[]>();
  let behaviour: (index: number) => EmbeddingsBehaviour = () => ({ kind: 'vectors' });

  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/embeddings')) {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(raw) as { model: string; input: string | string[] };
      const input = Array.isArray(body.input) ? body.input : [body.input];
      requests.push({ model: body.model, input });
      const now = behaviour(requests.length - 1);
      if (now.kind === 'hang') return;
      if (now.kind === 'error') {
        res.writeHead(now.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'scripted failure', type: 'server_error' } }));
        return;
      }
      let vectors = input.map((text) => {
        const alias = aliases.get(text) ?? text;
        return typeof alias === 'string' ? fakeVector(alias) : alias;
      });
      if (now.kind === 'wrongDimension') vectors = vectors.map((v) => v.slice(1));
      if (now.kind === 'tooFew') vectors = vectors.slice(1);
      const data: { object: string; index: number; embedding: (number | null)[] }[] = vectors.map(
        (embedding, index) => ({
          object: 'embedding',
          index,
          embedding,
        }),
      );
      if (now.kind === 'nan' && data[0]) data[0].embedding[3] = null;
      if (now.kind === 'huge') for (const d of data) d.embedding = d.embedding.map(() => now.value);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ object: 'list', data, model: body.model, usage: { prompt_tokens: 1, total_tokens: 1 } }),
      );
    });
  });
  const { baseURL, close } = await listenOnLoopback(server);
  return {
    baseURL,
    requests,
    behave(next) {
      behaviour = next;
    },
    alias(text, means) {
      aliases.set(text, means);
    },
    close,
  };
}
