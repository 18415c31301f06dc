import type { ScoringService } from '@studio/contracts';
import type { Generated, Insertable, Selectable } from 'kysely';
import type { KeyOwner } from './key-cipher';

/** A user's key for an outside scoring service (`SCORING_SERVICES`), encrypted as provider keys are. */
export interface ServiceKeyTable {
  key_id: Generated<string>;
  user_id: string;
  service: ScoringService;
  /** `v<version>:<iv>:<ciphertext>:<tag>` (AES-256-GCM, base64 parts). */
  encrypted_key: string;
  key_version: number;
  /** `...` + last 4 characters; the only form of the key ever returned. */
  key_preview: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type ServiceKeyRow = Selectable<ServiceKeyTable>;
export type NewServiceKey = Insertable<ServiceKeyTable>;

/**
 * The owner bound into a service key's ciphertext: `service:<name>` cannot be a provider name (those match
 * `^[a-z0-9_-]+$`), so a service key copied into a provider key's row, or back, fails to decrypt.
 */
export function serviceKeyOwner(row: { user_id: string; service: string }): KeyOwner {
  return { user_id: row.user_id, provider: `service:${row.service}` };
}
