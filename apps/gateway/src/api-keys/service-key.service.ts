import { isScoringService, SCORING_SERVICE_NAMES, SCORING_SERVICES, type ScoringService } from '@studio/contracts';
import { deleteServiceKey, encryptApiKey, listServiceKeys, serviceKeyOwner, upsertServiceKey, type ServiceKeyRow } from '@studio/db';
import type { AppDeps } from '../deps';
import { AppError, validationError } from '../errors/app-error';
import { maskKey, type DeletedResponse } from './api-key.service';

/** A stored scoring-service key as the API shows it: never the key, only its preview. */
export interface ServiceKeyPublic {
  key_id: string;
  /** @example "perspective" */
  service: string;
  /** `...` + the last 4 characters; `****` for keys shorter than 12 characters. @example "...x7Qa" */
  key_preview: string;
  /** ISO-8601 with offset. */
  created_at: string;
  /** ISO-8601 with offset. */
  updated_at: string;
}

export interface ServiceKeySave {
  /**
   * The service's API key (Perspective: a Google Cloud API key with the Comment Analyzer API enabled; Jina: a Jina AI
   * API key, sent as upstream sends it, as the `Authorization` header). Leading and trailing whitespace is removed.
   * @minLength 1
   * @maxLength 4096
   */
  key: string;
}

/** An outside scoring service you can save a key for (`SCORING_SERVICES`). */
export interface ScoringServicePublic {
  /** The `{service}` of `/api/service-keys/{service}`. @example "perspective" */
  service: string;
  /** @example "Google Perspective API" */
  display_name: string;
  /** @example "Perspective" */
  short_name: string;
  /** What it scores. @example "polyglotoxicity (toxicity of each continuation)" */
  scores: string;
  /** Environment variable `studio eval` (and openbench) reads the key from. @example "PERSPECTIVE_API_KEY" */
  env_var: string;
  /** Where to get a key. */
  docs_url: string;
}

export const SCORING_SERVICE_LIST: ScoringServicePublic[] = SCORING_SERVICE_NAMES.map((service) => {
  const { display_name, short_name, scores, env_var, docs_url } = SCORING_SERVICES[service];
  return { service, display_name, short_name, scores, env_var, docs_url };
});

function toPublic(row: ServiceKeyRow): ServiceKeyPublic {
  return {
    key_id: row.key_id,
    service: row.service,
    key_preview: row.key_preview,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

function knownService(service: string): ScoringService {
  if (!isScoringService(service)) throw validationError('service', `"${service}" is not a scoring service; known: ${SCORING_SERVICE_NAMES.join(', ')}`);
  return service;
}

/** Keys of outside scoring services (`/api/service-keys`), encrypted as provider keys are, bound to `service:<name>`. */
export class ServiceKeyService {
  constructor(private readonly deps: AppDeps) {}

  async list(userId: string): Promise<ServiceKeyPublic[]> {
    return (await listServiceKeys(this.deps.db, userId)).map(toPublic);
  }

  async save(userId: string, name: string, body: ServiceKeySave): Promise<ServiceKeyPublic> {
    const service = knownService(name);
    const key = body.key.trim();
    if (!key) throw validationError('key', 'must not be blank');
    const { encrypted, version } = encryptApiKey(key, this.deps.config.encryption, serviceKeyOwner({ user_id: userId, service }));
    const row = await upsertServiceKey(this.deps.db, { user_id: userId, service, encrypted_key: encrypted, key_version: version, key_preview: maskKey(key) });
    this.deps.logger.info('service key saved', { user_id: userId, service });
    return toPublic(row);
  }

  async remove(userId: string, name: string): Promise<DeletedResponse> {
    const service = knownService(name);
    if (!(await deleteServiceKey(this.deps.db, userId, service))) throw new AppError('APIKEY_NOT_FOUND', `No key stored for service "${service}"`);
    this.deps.logger.info('service key deleted', { user_id: userId, service });
    return { status: 'deleted' };
  }
}
