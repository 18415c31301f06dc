import type { ScoringService } from '@studio/contracts';
import type { Db } from '../database';
import type { NewServiceKey, ServiceKeyRow } from './service-key.table';

/** Insert or replace the user's key for the service. */
export async function upsertServiceKey(db: Db, key: NewServiceKey): Promise<ServiceKeyRow> {
  return db
    .insertInto('service_keys')
    .values(key)
    .onConflict((oc) =>
      oc.columns(['user_id', 'service']).doUpdateSet((eb) => ({
        encrypted_key: eb.ref('excluded.encrypted_key'),
        key_version: eb.ref('excluded.key_version'),
        key_preview: eb.ref('excluded.key_preview'),
        updated_at: new Date(),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listServiceKeys(db: Db, userId: string): Promise<ServiceKeyRow[]> {
  return db.selectFrom('service_keys').selectAll().where('user_id', '=', userId).orderBy('service').execute();
}

export async function findServiceKey(db: Db, userId: string, service: ScoringService): Promise<ServiceKeyRow | undefined> {
  return db.selectFrom('service_keys').selectAll().where('user_id', '=', userId).where('service', '=', service).executeTakeFirst();
}

export async function deleteServiceKey(db: Db, userId: string, service: ScoringService): Promise<boolean> {
  const res = await db.deleteFrom('service_keys').where('user_id', '=', userId).where('service', '=', service).executeTakeFirst();
  return res.numDeletedRows > 0n;
}

/** Keys encrypted with an older master key version, for re-encryption after rotation. */
export async function listServiceKeysBelowVersion(db: Db, version: number, limit: number): Promise<ServiceKeyRow[]> {
  return db.selectFrom('service_keys').selectAll().where('key_version', '<', version).limit(limit).execute();
}

/** Replaces a key's ciphertext only if it is still `previous` (a key saved meanwhile is left as the user wrote it). */
export async function updateServiceKeyCipher(db: Db, keyId: string, encrypted: string, version: number, previous: string): Promise<boolean> {
  const res = await db
    .updateTable('service_keys')
    .set({ encrypted_key: encrypted, key_version: version })
    .where('key_id', '=', keyId)
    .where('encrypted_key', '=', previous)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}
