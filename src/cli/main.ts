#!/usr/bin/env node
import { loadDotEnv } from '../config.js';
import type { Io } from './runCli.js';
import { runMain } from './runMain.js';

loadDotEnv();
const io: Io = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };
process.exitCode = await runMain(process.argv.slice(2), process.env, io);
