import type { Db } from '../db/database.js';
import { statement } from '../db/statements.js';
import { textHash } from '../text/textHash.js';

/** Every statement over `passage_vectors` (and the passages' text hashes) lives here. */

/** Give passages written before migration 0005 their text hash. A no-op once done. */
export function fillMissingTextHashes(db: Db): number {
  const rows = statement(db, "SELECT rowid, text FROM passages WHERE text_hash = ''").all() as {
    rowid: number;
    text: string;
  }[];
  const update = statement(db, 'UPDATE passages SET text_hash = ? WHERE rowid = ?');
  db.transaction(() => rows.forEach((r) => update.run(textHash(r.text), r.rowid)))();
  return rows.length;
}

/** Distinct passage texts in the index, and how many of them have a vector of this model. */
export function embeddingCounts(db: Db, model: string): { total: number; embedded: number } {
  return statement(
    db,
    `SELECT count(*) AS total, count(v.text_hash) AS embedded
       FROM (SELECT DISTINCT text_hash FROM passages WHERE text_hash <> '') p
       LEFT JOIN passage_vectors v ON v.model = ? AND v.text_hash = p.text_hash`,
  ).get(model) as { total: number; embedded: number };
}

/** Hashes of the passage texts that have no vector of this model yet. */
export function hashesWithoutVector(db: Db, model: string): string[] {
  // GROUP BY walks the text_hash index in order: no temporary b-tree for DISTINCT or ORDER BY.
  return statement(
    db,
    `SELECT p.text_hash FROM passages p INDEXED BY passages_text_hash
      WHERE p.text_hash <> ''
        AND NOT EXISTS (SELECT 1 FROM passage_vectors v WHERE v.model = ? AND v.text_hash = p.text_hash)
      GROUP BY p.text_hash`,
  )
    .pluck()
    .all(model) as string[];
}

/** The text of each hash still in the index (a reload may have removed some meanwhile). */
export function textsOfHashes(db: Db, hashes: readonly string[]): { hash: string; text: string }[] {
  return statement(
    db,
    `SELECT text_hash AS hash, min(text) AS text FROM passages
      WHERE text_hash IN (SELECT value FROM json_each(?)) GROUP BY text_hash`,
  ).all(JSON.stringify(hashes)) as { hash: string; text: string }[];
}

export function saveVectors(db: Db, model: string, vectors: readonly { hash: string; vector: Float32Array }[]): void {
  const insert = statement(
    db,
    `INSERT INTO passage_vectors (model, text_hash, dim, vector) VALUES (?, ?, ?, ?)
       ON CONFLICT (model, text_hash) DO UPDATE SET dim = excluded.dim, vector = excluded.vector`,
  );
  db.transaction(() => {
    for (const { hash, vector } of vectors) insert.run(model, hash, vector.length, toBlob(vector));
  })();
}

/** Rowids of the passages that have a vector of this model: integers only, cheap to list. */
export function rowidsWithVector(db: Db, model: string): number[] {
  return statement(
    db,
    `SELECT p.rowid FROM passages p
      WHERE EXISTS (SELECT 1 FROM passage_vectors v WHERE v.model = ? AND v.text_hash = p.text_hash)`,
  )
    .pluck()
    .all(model) as number[];
}

/** The vectors of these passages (those that have one). */
export function vectorsOfRowids(
  db: Db,
  model: string,
  rowids: readonly number[],
): { rowid: number; vector: Float32Array }[] {
  // From the rowid list outwards: one rowid look-up and one key look-up per passage.
  const rows = statement(
    db,
    `SELECT p.rowid,
            (SELECT v.vector FROM passage_vectors v WHERE v.model = ? AND v.text_hash = p.text_hash) AS vector
       FROM passages p WHERE p.rowid IN (SELECT value FROM json_each(?))`,
  ).all(model, JSON.stringify(rowids)) as { rowid: number; vector: Buffer | null }[];
  // A broken vector (stored by an earlier version) never reaches the index; the fill replaces it.
  return rows.flatMap((row) => {
    const vector = row.vector ? fromBlob(row.vector) : null;
    return vector && isFiniteVector(vector) ? [{ rowid: row.rowid, vector }] : [];
  });
}

/** Rowids of the passages with these texts (one text may stand in several passages). */
export function rowidsOfHashes(db: Db, hashes: readonly string[]): { rowid: number; hash: string }[] {
  return statement(
    db,
    'SELECT rowid, text_hash AS hash FROM passages WHERE text_hash IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify(hashes)) as { rowid: number; hash: string }[];
}

/** Vectors of other models, and of texts no passage has any more: what a finished fill drops. */
export function staleVectorKeys(db: Db, model: string): { model: string; hash: string }[] {
  return statement(
    db,
    `SELECT model, text_hash AS hash FROM passage_vectors v
      WHERE model <> ? OR NOT EXISTS (SELECT 1 FROM passages p WHERE p.text_hash = v.text_hash)`,
  ).all(model) as { model: string; hash: string }[];
}

/** Keys of stored vectors of this model with a component that is not a finite number (stored by an earlier version). */
export function brokenVectorKeys(db: Db, model: string): { model: string; hash: string }[] {
  const rows = statement(db, 'SELECT text_hash AS hash, vector FROM passage_vectors WHERE model = ?').iterate(
    model,
  ) as Iterable<{
    hash: string;
    vector: Buffer;
  }>;
  const out: { model: string; hash: string }[] = [];
  for (const row of rows) if (!isFiniteVector(fromBlob(row.vector))) out.push({ model, hash: row.hash });
  return out;
}

export function isFiniteVector(vector: Float32Array): boolean {
  for (const x of vector) if (!Number.isFinite(x)) return false;
  return true;
}

export function deleteVectors(db: Db, keys: readonly { model: string; hash: string }[]): void {
  const remove = statement(db, 'DELETE FROM passage_vectors WHERE model = ? AND text_hash = ?');
  db.transaction(() => keys.forEach((k) => remove.run(k.model, k.hash)))();
}

function toBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

function fromBlob(blob: Buffer): Float32Array {
  // Copied: a Buffer's offset into its pool need not be 4-byte aligned.
  const out = new Float32Array(blob.byteLength / 4);
  new Uint8Array(out.buffer).set(blob);
  return out;
}
