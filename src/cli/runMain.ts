import { ConfigError } from '../config.js';
import { UserFacingError } from '../errors.js';
import { withoutControlCharacters } from '../text/controlCharacters.js';
import { EXIT_USAGE, type Io, runCli, USAGE, UsageError } from './runCli.js';

/**
 * The whole `feudbot` command minus the process: run it, and turn every failure into
 * what a person reads on stderr and an exit code (2: the command line was wrong; 1:
 * anything else). Errors meant for people are shown as sentences; only an unexpected
 * one shows its stack.
 */
export async function runMain(argv: string[], env: NodeJS.ProcessEnv, raw: Io): Promise<number> {
  // Model answers and article fields are text from outside: no escape sequence reaches the terminal.
  const io: Io = {
    ...raw,
    out: (text) => raw.out(withoutControlCharacters(text)),
    err: (text) => raw.err(withoutControlCharacters(text)),
  };
  try {
    return await runCli(argv, env, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    if (error instanceof ConfigError || error instanceof UserFacingError) {
      io.err(error.message);
      return 1;
    }
    io.err(`feudbot failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}
