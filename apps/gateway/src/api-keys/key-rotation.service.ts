import {
  decryptApiKey,
  encryptApiKey,
  listApiKeysBelowVersion,
  listServiceKeysBelowVersion,
  listWebhooksBelowVersion,
  serviceKeyOwner,
  updateEncryptedKey,
  updateServiceKeyCipher,
  updateWebhookSecretCipher,
  webhookSecretOwner,
  type Db,
  type KeyOwner,
  type ApiKeyRow,
  type KeyRing,
  type ServiceKeyRow,
  type WebhookRow,
} from '@studio/db';
import { AppError } from '../errors/app-error';

const BATCH_SIZE = 500;

/** One kind of secret under the master key: how to find those below a version, and how to swap a ciphertext. */
interface Encrypted<Row> {
  what: string;
  below(version: number, limit: number): Promise<Row[]>;
  id(row: Row): string;
  cipher(row: Row): string;
  owner(row: Row): KeyOwner;
  replace(row: Row, encrypted: string, version: number): Promise<boolean>;
}

async function reencrypt<Row>(kind: Encrypted<Row>, ring: KeyRing, batchSize: number): Promise<number> {
  let reencrypted = 0;
  for (;;) {
    const rows = await kind.below(ring.currentVersion, batchSize);
    if (rows.length === 0) return reencrypted;
    for (const row of rows) {
      let plaintext: string;
      try {
        plaintext = decryptApiKey(kind.cipher(row), ring, kind.owner(row));
      } catch (err) {
        const detail = err instanceof AppError ? err.detail : String(err);
        throw new AppError('SERVER_ERROR', `Cannot re-encrypt ${kind.what} ${kind.id(row)} (${reencrypted} re-encrypted so far): ${detail}`);
      }
      const { encrypted, version } = encryptApiKey(plaintext, ring, kind.owner(row));
      // A row saved concurrently already carries the current version; it is left as the user wrote it.
      if (await kind.replace(row, encrypted, version)) reencrypted++;
    }
  }
}

/**
 * Re-encrypts every stored provider key, scoring-service key and webhook signing secret whose master key version is below the ring's
 * current one, in batches. Needs the old versions' keys in the ring (`ENCRYPTION_PREVIOUS_KEYS`); stops at the first
 * secret it cannot decrypt. Safe to run while the gateway serves requests and to run again.
 */
export async function reencryptApiKeys(db: Db, ring: KeyRing, batchSize = BATCH_SIZE): Promise<{ reencrypted: number }> {
  const keys = await reencrypt<ApiKeyRow>(
    {
      what: 'API key',
      below: (version, limit) => listApiKeysBelowVersion(db, version, limit),
      id: (row) => row.key_id,
      cipher: (row) => row.encrypted_key,
      owner: (row) => row,
      replace: (row, encrypted, version) => updateEncryptedKey(db, row.key_id, encrypted, version, row.encrypted_key),
    },
    ring,
    batchSize,
  );
  const serviceKeys = await reencrypt<ServiceKeyRow>(
    {
      what: 'service key',
      below: (version, limit) => listServiceKeysBelowVersion(db, version, limit),
      id: (row) => row.key_id,
      cipher: (row) => row.encrypted_key,
      owner: (row) => serviceKeyOwner(row),
      replace: (row, encrypted, version) => updateServiceKeyCipher(db, row.key_id, encrypted, version, row.encrypted_key),
    },
    ring,
    batchSize,
  );
  const secrets = await reencrypt<WebhookRow>(
    {
      what: 'webhook secret',
      below: (version, limit) => listWebhooksBelowVersion(db, version, limit),
      id: (row) => row.webhook_id,
      cipher: (row) => row.encrypted_secret,
      owner: (row) => webhookSecretOwner(row),
      replace: (row, encrypted, version) => updateWebhookSecretCipher(db, row.webhook_id, encrypted, version, row.encrypted_secret),
    },
    ring,
    batchSize,
  );
  return { reencrypted: keys + serviceKeys + secrets };
}
