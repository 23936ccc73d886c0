import { Worker } from 'node:worker_threads';
import { UserFacingError } from '../errors.js';
import type { ArticleDraft } from './articleDraft.js';

/** How long reading one page may take before the worker is stopped. */
export const EXTRACT_TIMEOUT_MS = 15_000;

type WorkerReply = { ok: true; draft: ArticleDraft } | { ok: false; reason: string | null; detail: string };

/**
 * extractArticle in a worker thread: parsing a hostile page (huge, deeply nested, malformed)
 * costs seconds of CPU, and on the main thread that would stall every member's question.
 * The worker has its own heap limit and is terminated past the deadline.
 */
export function extractInWorker(
  html: string,
  pageUrl: string | null,
  timeoutMs = EXTRACT_TIMEOUT_MS,
): Promise<ArticleDraft> {
  const source = new URL(import.meta.url);
  const fromTypeScript = source.pathname.endsWith('.ts');
  const script = new URL(`./extractWorker.${fromTypeScript ? 'ts' : 'js'}`, source);
  const options = { workerData: { html, pageUrl }, resourceLimits: { maxOldGenerationSizeMb: 512 } };
  // Run from source (tests, `npm run dev`), the worker registers tsx's loader as its parent did.
  const worker = fromTypeScript
    ? new Worker(
        `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); });`,
        { ...options, eval: true },
      )
    : new Worker(script, options);
  return new Promise<ArticleDraft>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new UserFacingError(`Reading the page took longer than ${timeoutMs / 1000} s; it was not added.`));
    }, timeoutMs);
    const settle = (fn: () => void) => {
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    worker.once('message', (reply: WorkerReply) =>
      settle(() =>
        reply.ok
          ? resolve(reply.draft)
          : reject(
              reply.reason
                ? new UserFacingError(reply.reason)
                : new Error(`article extraction failed: ${reply.detail}`),
            ),
      ),
    );
    worker.once('error', (error) =>
      settle(() => reject(new UserFacingError(`The page could not be read (${error.message}); it was not added.`))),
    );
    worker.once('exit', (code) =>
      settle(() => reject(new UserFacingError(`The page could not be read (the reader stopped with code ${code}).`))),
    );
  });
}
