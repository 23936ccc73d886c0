import { closeSync, openSync, readSync } from 'node:fs';
import { z } from 'zod';
import { UserFacingError } from '../errors.js';

/** The largest questions file read: far above any real set, small enough for memory. */
export const MAX_QUESTIONS_FILE_BYTES = 16 * 1024 * 1024;

const questionSchema = z.object({
  id: z.string().min(1),
  q: z.string(),
  gold: z.array(z.string()),
  kind: z.string().min(1),
  /** What the question asks for (year, amount, person, reason, other), when the set says so. */
  expects: z.enum(['year', 'amount', 'count', 'person', 'reason', 'other']).optional(),
});
export type EvalQuestion = z.infer<typeof questionSchema>;

/**
 * Read an eval file: one JSON object per line, `{"id", "q", "gold": [phrases], "kind"}`
 * and optionally `"expects"`. At most MAX_QUESTIONS_FILE_BYTES are read, in pieces, so a
 * device or a runaway file (`/dev/zero`) is refused rather than read into memory.
 */
export function readEvalQuestions(path: string): EvalQuestion[] {
  return readCapped(path, MAX_QUESTIONS_FILE_BYTES)
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, number }) => parseLine(path, line, number));
}

function parseLine(path: string, line: string, number: number): EvalQuestion {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw new UserFacingError(`${path}:${number} is not valid JSON.`);
  }
  const parsed = questionSchema.safeParse(json);
  if (!parsed.success)
    throw new UserFacingError(
      `${path}:${number} needs {"id", "q", "gold": [...], "kind"}: ${parsed.error.issues[0]?.message}`,
    );
  return parsed.data;
}

/** A file's text, refused with a sentence when it is longer than `maxBytes` or cannot be read. */
function readCapped(path: string, maxBytes: number): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    throw new UserFacingError(`Cannot read the questions file ${path}.`);
  }
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > maxBytes)
        throw new UserFacingError(
          `The questions file ${path} is larger than ${maxBytes / 1024 / 1024} MiB; an eval set is one question a line.`,
        );
    }
    return buffer.subarray(0, length).toString('utf8');
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    throw new UserFacingError(`Cannot read the questions file ${path}.`);
  } finally {
    closeSync(fd);
  }
}
