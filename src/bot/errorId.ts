import { randomBytes } from 'node:crypto';

/** A short id that ties what a member is told to the log line with the stack. */
export function newErrorId(): string {
  return randomBytes(4).toString('hex');
}
