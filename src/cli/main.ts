#!/usr/bin/env node
import { createInterface } from 'node:readline/promises';
import { loadDotEnv } from '../loadDotEnv.js';
import type { Io } from './runCli.js';
import { runMain } from './runMain.js';
import { createProgress } from './progress.js';

loadDotEnv();
const io: Io = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  // Only a person at a terminal can confirm; piped input never says yes by accident.
  ...(process.stdin.isTTY ? { confirm: askAtTerminal } : {}),
  lines: () => createInterface({ input: process.stdin, terminal: false }),
  progress: createProgress((text) => process.stderr.write(text), process.stderr.isTTY),
};

async function askAtTerminal(prompt: string): Promise<boolean> {
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await terminal.question(prompt)).trim());
  } finally {
    terminal.close();
  }
}
process.exitCode = await runMain(process.argv.slice(2), process.env, io);
