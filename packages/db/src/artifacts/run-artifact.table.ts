import type { Generated, Selectable } from 'kysely';

export interface RunArtifactTable {
  artifact_id: Generated<string>;
  run_id: string;
  /** The artifact path of the run (`samples.jsonl`, `logs/<file>.eval`). */
  path: string;
  /** The run state the bytes were built from. */
  fingerprint: string;
  size: number;
  /** Quoted strong entity tag: the content's SHA-256, base64url. */
  etag: string;
  /** Bytes per chunk (the last chunk may be shorter). */
  chunk_size: number;
  built_at: Generated<Date>;
}

export interface RunArtifactChunkTable {
  artifact_id: string;
  idx: number;
  data: Buffer;
}

/** The artifact tables, added to the database type where they are used (`db.withTables<ArtifactTables>()`). */
export type ArtifactTables = {
  run_artifacts: RunArtifactTable;
  run_artifact_chunks: RunArtifactChunkTable;
};

export type StoredArtifact = Selectable<RunArtifactTable>;
