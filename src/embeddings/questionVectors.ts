import type { Embedder } from './embedder.js';
import type { EndpointOutage } from './outage.js';

/** After a failed question embedding, questions go lexical-only this long before the endpoint is tried again. */
const OUTAGE_PAUSE_MS = 60_000;
const QUESTION_CACHE = 500;
/** Longest a question waits for its own vector; past it, it is answered by words. */
const QUESTION_DEADLINE_MS = 5_000;

/**
 * A question's vector: embedded once (then cached), within the concurrency bound and a
 * short deadline. After a failure questions skip the endpoint for a minute, so an
 * outage costs each question nothing.
 */
export class QuestionVectors {
  private readonly cache = new Map<string, Float32Array>();
  private pausedUntil = 0;

  constructor(
    private readonly embedder: Embedder,
    private readonly limit: <T>(task: () => Promise<T>) => Promise<T>,
    private readonly outage: EndpointOutage,
  ) {}

  async vectorOf(question: string): Promise<Float32Array | null> {
    const cached = this.cache.get(question);
    if (cached) return cached;
    if (Date.now() < this.pausedUntil) return null;
    try {
      const [vector] = await this.limit(() => this.embedder.embed([question], { timeoutMs: QUESTION_DEADLINE_MS }));
      this.outage.recovered();
      if (this.cache.size >= QUESTION_CACHE) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(question, vector!);
      return vector!;
    } catch (error) {
      this.pausedUntil = Date.now() + OUTAGE_PAUSE_MS;
      this.outage.failed(error, 'question');
      return null;
    }
  }
}
