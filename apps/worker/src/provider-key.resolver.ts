import { findProvider, isScoringService, SCORING_SERVICES, type ScoringService } from '@studio/contracts';
import { BedrockCredentialsError, parseBedrockCredentials, type BedrockOptions } from '@studio/providers';
import { decryptApiKey, findApiKey, findServiceKey, serviceKeyOwner, type ApiKeyRow, type Db, type KeyRing } from '@studio/db';
import { scoringServiceClient, type EvalSession, type ScoringServices } from '@studio/engine';

/** A run cannot start: the message is shown to the user as the run's error. */
export class RunSetupError extends Error {
  override name = 'RunSetupError';
}

export interface ProviderAccess {
  apiKey?: string;
  /** The user's saved endpoint; overrides the provider table's default. */
  baseUrl?: string;
  /** AWS Bedrock: the saved key holds `<access key id>:<secret access key>[:<session token>]`. */
  bedrock?: BedrockOptions;
}

/**
 * A run owner's saved key rows (still encrypted), each read once: the worker starts reading the key of the run's
 * model while it claims the run (the job names owner and model), so that setup does not wait for it afterwards.
 */
export class ApiKeyReads {
  private readonly reads = new Map<string, Promise<ApiKeyRow | undefined>>();

  constructor(
    private readonly db: Db,
    readonly userId: string | null,
  ) {}

  read(provider: string): Promise<ApiKeyRow | undefined> {
    if (this.userId === null) return Promise.resolve(undefined);
    let read = this.reads.get(provider);
    if (!read) {
      read = findApiKey(this.db, this.userId, provider);
      // Nobody may wait for it (the claim failed); whoever does sees the error.
      read.catch(() => undefined);
      this.reads.set(provider, read);
    }
    return read;
  }
}

/**
 * Credentials for one provider of a run, from the run owner's saved key. Only the providers a run uses are
 * looked up and decrypted. Providers that need no key (local servers, mockllm) still pick up a saved base URL.
 */
export async function resolveProviderAccess(keys: ApiKeyReads, ring: KeyRing, provider: string): Promise<ProviderAccess> {
  const info = findProvider(provider);
  if (info?.api_style === 'mock') return {};
  const row = await keys.read(provider);
  if (!row) {
    if (info && !info.requires_key) return {};
    const name = info ? `${info.display_name} (${provider})` : `"${provider}"`;
    throw new RunSetupError(`No API key is saved for ${name}; add one under API keys and start the run again`);
  }
  const apiKey = decryptApiKey(row.encrypted_key, ring, row);
  if (info?.api_style === 'bedrock') {
    try {
      const { accessKeyId, secretAccessKey, sessionToken, region, endpoint } = parseBedrockCredentials(apiKey, row.base_url);
      return { apiKey: secretAccessKey, bedrock: { accessKeyId, secretAccessKey, sessionToken, region, endpoint } };
    } catch (err) {
      if (err instanceof BedrockCredentialsError) throw new RunSetupError(`The saved AWS Bedrock key is not usable: ${err.message}`);
      throw err;
    }
  }
  return { apiKey, ...(row.base_url ? { baseUrl: row.base_url } : {}) };
}

/**
 * The outside scoring services' clients a run's benchmark needs (Perspective for polyglotoxicity, Jina for
 * deep_research_bench), each with the run owner's saved key, decrypted only here; every key is handed to `secrets`
 * for redaction.
 */
export async function resolveScoringServices(
  db: Db,
  ring: KeyRing,
  userId: string | null,
  session: EvalSession,
  options: { urls: Record<ScoringService, string>; secrets: string[] },
): Promise<ScoringServices> {
  let services: ScoringServices = {};
  for (const service of session.requiredServices) {
    if (!isScoringService(service)) continue;
    const row = userId ? await findServiceKey(db, userId, service) : undefined;
    if (!row)
      throw new RunSetupError(
        `${session.settings.benchmark} is scored by ${SCORING_SERVICES[service].display_name} and no key is saved for it; save one under Settings → Scoring services (PUT /api/service-keys/${service}) and start the run again`,
      );
    const apiKey = decryptApiKey(row.encrypted_key, ring, serviceKeyOwner(row));
    options.secrets.push(apiKey);
    services = { ...services, ...scoringServiceClient(service, { apiKey, baseUrl: options.urls[service] }) };
  }
  return services;
}
