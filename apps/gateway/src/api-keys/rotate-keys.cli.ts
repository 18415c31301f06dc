#!/usr/bin/env node
/**
 * Re-encrypts every stored provider key under the current master key. Rotation: set ENCRYPTION_KEY and
 * ENCRYPTION_KEY_VERSION to the new key, keep the old one in ENCRYPTION_PREVIOUS_KEYS (`<version>:<key>`),
 * deploy, run this, then drop the old key. Reads the gateway's configuration.
 */
import { createDb } from '@studio/db';
import { loadConfig } from '../config';
import { reencryptApiKeys } from './key-rotation.service';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = createDb(config.databaseUrl, { max: 1, applicationName: 'openbench-rotate-keys' });
  try {
    const { reencrypted } = await reencryptApiKeys(db, config.encryption);
    console.log(`Re-encrypted ${reencrypted} API key(s) and webhook secret(s) under master key version ${config.encryption.currentVersion}.`);
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
