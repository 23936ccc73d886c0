#!/usr/bin/env node
import { ConfigError, loadDotEnv } from '../config.js';
import { UserFacingError } from '../errors.js';
import { EXIT_USAGE, runCli, USAGE, UsageError, type Io } from './runCli.js';

async function main(): Promise<void> {
  loadDotEnv();
  const io: Io = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };
  try {
    process.exitCode = await runCli(process.argv.slice(2), process.env, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}`);
      process.exitCode = EXIT_USAGE;
    } else if (error instanceof ConfigError || error instanceof UserFacingError) {
      io.err(error.message);
      process.exitCode = 1;
    } else {
      io.err(`feudbot failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = 1;
    }
  }
}

await main();
