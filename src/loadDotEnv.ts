import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { INSTALL_DIR } from './config.js';

/** Load `.env` from the working folder into process.env, if there is one; set variables win. */
export function loadDotEnv(cwd = process.cwd()): void {
  // The current folder's .env, else the installation's: a service started elsewhere still finds it.
  const path = [resolve(cwd, '.env'), join(INSTALL_DIR, '.env')].find((p) => existsSync(p));
  if (path) process.loadEnvFile(path);
}
