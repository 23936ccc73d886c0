import type { Db } from '../db/database.js';
import { getMeta, setMeta } from '../db/meta.js';
import type { OutputModeMemory } from './modelAnswerer.js';

const KEY = 'plain_text_models';

/** Which models were found not to take structured output, kept in the meta table across restarts. */
export function sqliteOutputModes(db: Db, write: (fn: () => void) => void): OutputModeMemory {
  const stored: unknown = JSON.parse(getMeta(db, KEY) ?? '[]');
  const known = new Set<string>(Array.isArray(stored) ? stored.filter((m) => typeof m === 'string') : []);
  return {
    usesPlainText: (model) => known.has(model),
    rememberPlainText(model) {
      known.add(model);
      const value = JSON.stringify([...known]);
      write(() => setMeta(db, KEY, value));
    },
  };
}
