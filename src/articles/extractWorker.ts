import { parentPort, workerData } from 'node:worker_threads';
import { UserFacingError } from '../errors.js';
import { extractArticle } from './extractArticle.js';

/** Runs in a worker thread (see extractInWorker.ts): one page in, one draft or one reason out. */
const { html, pageUrl } = workerData as { html: string; pageUrl: string | null };
try {
  parentPort?.postMessage({ ok: true, draft: extractArticle(html, pageUrl) });
} catch (error) {
  parentPort?.postMessage({
    ok: false,
    reason: error instanceof UserFacingError ? error.message : null,
    detail: error instanceof Error ? error.message : String(error),
  });
}
