import { describeError } from '../llm/describeError.js';
import type { Logger } from '../logger.js';

/**
 * What the embeddings endpoint last did wrong, logged once per outage rather than once
 * per question or batch, and cleared when it answers again.
 */
export class EndpointOutage {
  lastError: string | undefined;
  private logged = false;

  constructor(
    private readonly logger: Logger,
    private readonly model: string,
  ) {}

  failed(error: unknown, during: string): void {
    this.lastError = describeError(error);
    if (this.logged) return;
    this.logged = true;
    this.logger.warn(
      { model: this.model, during, reason: this.lastError },
      'embeddings endpoint failed; searching by words only until it recovers',
    );
  }

  recovered(): void {
    if (this.logged) this.logger.info({ model: this.model }, 'embeddings endpoint answers again');
    this.logged = false;
    this.lastError = undefined;
  }
}
