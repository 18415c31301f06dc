/**
 * Stored artifacts of finished runs: written in fixed-size chunks as they are produced, read back a range at a
 * time. A build replaces the previous one of the same path in one transaction, under an advisory lock that
 * makes concurrent builders on every gateway wait for one.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, DbOrTrx } from '../database';
import type { ArtifactTables, StoredArtifact } from './run-artifact.table';

/** 1 MiB: a range read fetches at most one extra MiB at each end. */
export const ARTIFACT_CHUNK_BYTES = 1024 * 1024;

const tables = (db: DbOrTrx): Kysely<Database & ArtifactTables> => db.withTables<ArtifactTables>();

export async function findStoredArtifact(db: DbOrTrx, runId: string, path: string): Promise<StoredArtifact | undefined> {
  const row = await tables(db).selectFrom('run_artifacts').selectAll().where('run_id', '=', runId).where('path', '=', path).executeTakeFirst();
  return row && { ...row, size: Number(row.size) };
}

/**
 * Takes the build lock of (run, path) for the rest of the transaction, or answers false at once when another
 * transaction (on any gateway) holds it.
 */
export async function tryLockArtifactBuild(trx: Transaction<Database>, runId: string, path: string): Promise<boolean> {
  const { rows } = await sql<{ locked: boolean }>`
    select pg_try_advisory_xact_lock(hashtextextended(${`run-artifact:${runId}:${path}`}, 0)) as locked`.execute(trx);
  return rows[0]!.locked;
}

/** Bytes in chunks of exactly `size` (the last one shorter), whatever sizes the source yields. */
async function* rechunk(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let held = 0;
  for await (const piece of source) {
    let buf = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    while (held + buf.length >= size) {
      const take = size - held;
      parts.push(buf.subarray(0, take));
      yield Buffer.concat(parts);
      parts = [];
      held = 0;
      buf = buf.subarray(take);
    }
    if (buf.length > 0) {
      // Copied: the source may reuse its buffer for the next piece.
      parts.push(Buffer.from(buf));
      held += buf.length;
    }
  }
  if (held > 0) yield Buffer.concat(parts);
}

/**
 * Replaces the stored artifact of (run, path) with the bytes of `content`, written chunk by chunk as they come
 * (memory stays at about one chunk). Call it in a transaction holding the build lock: readers see the old
 * artifact until the transaction commits, then the new one whole.
 */
export async function replaceStoredArtifact(
  trx: Transaction<Database>,
  artifact: { runId: string; path: string; fingerprint: string },
  content: AsyncIterable<Uint8Array>,
): Promise<StoredArtifact> {
  const db = tables(trx);
  await db.deleteFrom('run_artifacts').where('run_id', '=', artifact.runId).where('path', '=', artifact.path).execute();
  const { artifact_id } = await db
    .insertInto('run_artifacts')
    .values({ run_id: artifact.runId, path: artifact.path, fingerprint: artifact.fingerprint, size: 0, etag: '""', chunk_size: ARTIFACT_CHUNK_BYTES })
    .returning('artifact_id')
    .executeTakeFirstOrThrow();
  const hash = createHash('sha256');
  let size = 0;
  let idx = 0;
  for await (const chunk of rechunk(content, ARTIFACT_CHUNK_BYTES)) {
    hash.update(chunk);
    size += chunk.length;
    await db.insertInto('run_artifact_chunks').values({ artifact_id, idx: idx++, data: chunk }).execute();
  }
  const row = await db
    .updateTable('run_artifacts')
    .set({ size, etag: `"${hash.digest('base64url')}"`, built_at: new Date() })
    .where('artifact_id', '=', artifact_id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...row, size: Number(row.size) };
}

/**
 * Bytes `start`..`end` (inclusive) of a stored artifact, a chunk at a time. Throws when the artifact was replaced
 * or deleted meanwhile (its chunks are gone), so a reader never mixes two builds.
 */
export async function* readStoredArtifact(db: DbOrTrx, artifact: StoredArtifact, start: number, end: number): AsyncGenerator<Buffer> {
  const chunkSize = artifact.chunk_size;
  for (let idx = Math.floor(start / chunkSize); idx * chunkSize <= end; idx++) {
    const from = Math.max(start, idx * chunkSize) - idx * chunkSize;
    const length = Math.min(end + 1, (idx + 1) * chunkSize) - idx * chunkSize - from;
    const row = await tables(db)
      .selectFrom('run_artifact_chunks')
      .select(sql<Buffer>`substring(data from ${from + 1} for ${length})`.as('data'))
      .where('artifact_id', '=', artifact.artifact_id)
      .where('idx', '=', idx)
      .executeTakeFirst();
    if (!row) throw new Error(`artifact ${artifact.path} of run ${artifact.run_id} changed while it was read`);
    yield row.data;
  }
}

/** What a run's artifacts read besides the run row: how many samples and log lines it has stored. */
export async function readRunDataMarks(db: DbOrTrx, runId: string): Promise<{ samples: number; lastLogId: number }> {
  const { rows } = await sql<{ samples: number; last_log_id: number | null }>`
    select (select count(*) from run_samples where run_id = ${runId}) as samples,
           (select max(id) from run_logs where run_id = ${runId}) as last_log_id`.execute(db);
  return { samples: Number(rows[0]!.samples), lastLogId: Number(rows[0]!.last_log_id ?? 0) };
}
