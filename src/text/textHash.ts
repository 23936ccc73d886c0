import { createHash } from 'node:crypto';

/** A passage text's identity for its embedding: sha256, hex, 128 bits (collisions are not a concern at corpus sizes). */
export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
