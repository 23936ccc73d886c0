import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Logger } from '../logger.js';

export type GatewayState = 'connecting' | 'connected' | 'reconnecting' | 'lost';

/** What the running bot keeps in its status file, for `feudbot health`. */
export interface BotStatus {
  readonly pid: number;
  readonly gateway: GatewayState;
  /** Milliseconds since the epoch; the file is rewritten at least every STATUS_REFRESH_MS. */
  readonly updatedAt: number;
}

export const STATUS_REFRESH_MS = 30_000;

/** The status file beside the database (`feudbot.db.status.json`). */
export function statusFilePath(dbPath: string): string {
  return `${dbPath}.status.json`;
}

/**
 * Keeps the status file current: on every change of the gateway's state and every 30 s,
 * written to a temporary file and renamed, so a reader never sees half of it. Failing
 * to write is logged, never fatal: the bot answers questions whatever its health file does.
 */
export function keepStatusFile(path: string, logger: Logger) {
  let gateway: GatewayState = 'connecting';
  const write = () => {
    try {
      const status: BotStatus = { pid: process.pid, gateway, updatedAt: Date.now() };
      writeFileSync(`${path}.tmp`, JSON.stringify(status));
      renameSync(`${path}.tmp`, path);
    } catch (error) {
      logger.warn({ err: error, path }, 'could not write the status file');
    }
  };
  write();
  const timer = setInterval(write, STATUS_REFRESH_MS);
  timer.unref();
  return {
    set(state: GatewayState): void {
      gateway = state;
      write();
    },
    remove(): void {
      clearInterval(timer);
      rmSync(path, { force: true });
    },
  };
}
