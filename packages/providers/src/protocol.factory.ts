import { findProvider } from '@studio/contracts';
import type { ApiStyle } from '@studio/contracts';
import type { LookupFunction } from 'node:net';
import { ANTHROPIC_VERSION, AnthropicProtocol } from './anthropic.protocol';
import { BaseUrlRefusedError, checkBaseUrlSyntax, pinnedLookup } from './base-url.guard';
import type { ConnectionPools } from './connection.pool';
import { GoogleProtocol } from './google.protocol';
import { HttpTransport, endpoint } from './http.transport';
import { MockProtocol } from './mock.protocol';
import { OpenAIProtocol } from './openai.protocol';
import { ProviderError, refusedBaseUrlError } from './provider.error';
import type { ModelClientOptions } from './types';
import type { WireProtocol } from './wire.protocol';

/** Inspect's default Azure OpenAI API version. */
export const AZURE_DEFAULT_API_VERSION = '2025-03-01-preview';
/** The SDK needs some region to build a signing scope; an explicit endpoint or region overrides it. */
const BEDROCK_DEFAULT_REGION = 'us-east-1';

/**
 * The API style of a provider: from the contracts table, or openai-compatible for a provider the table does not
 * know when the user registered their own endpoint (vLLM, Ollama, LiteLLM).
 */
export function resolveApiStyle(provider: string, baseUrl: string | undefined): ApiStyle {
  const style = findProvider(provider)?.api_style ?? (baseUrl ? 'openai-compatible' : undefined);
  if (style) return style;
  throw configError(provider, `unknown provider "${provider}"; give a base URL to use it as an OpenAI-compatible endpoint (vLLM, Ollama, LiteLLM)`);
}

/** Builds the wire protocol for `provider/model`, validating keys and endpoints up front. */
export function createProtocol(provider: string, model: string, options: ModelClientOptions, maxConnections: number): WireProtocol {
  const style = resolveApiStyle(provider, options.baseUrl);
  const info = findProvider(provider);
  if (style === 'mock') return new MockProtocol(provider, options.mockOutputs);
  const lookup = guardedLookup(provider, options);
  if (style === 'bedrock') return bedrock(provider, model, options, maxConnections, lookup);

  const key = options.apiKey;
  if (info?.requires_key && !key) {
    throw new ProviderError({ kind: 'auth', provider, message: `${provider}: no API key configured (openbench reads it from ${info.env_var})` });
  }
  // The base URL is validated before the transport opens a connection pool, so a config error leaks nothing.
  const base = style === 'azure' ? options.azure?.endpoint ?? options.baseUrl : options.baseUrl ?? info?.base_url;
  if (!base) {
    throw configError(provider, style === 'azure' ? 'an Azure OpenAI endpoint is required (AZURE_OPENAI_ENDPOINT)' : 'no base URL configured');
  }
  checkEndpoint(provider, base, options);
  const http: HttpSetup = {
    transport: new HttpTransport({ provider, model, maxConnections, secrets: key ? [key] : [], lookup, shared: sharedPools(provider, options) }),
    provider,
    model,
    stream: options.stream ?? false,
  };
  const json = { 'content-type': 'application/json' };
  switch (style) {
    case 'anthropic': {
      // Users paste the documented `.../v1`; the paths below carry the version themselves.
      const root = base.replace(/\/v1\/?$/, '');
      const headers = { ...json, 'x-api-key': key ?? '', 'anthropic-version': ANTHROPIC_VERSION };
      return new AnthropicProtocol({ ...http, headers, messages: endpoint(root, '/v1/messages'), models: endpoint(root, '/v1/models') });
    }
    case 'google': {
      const root = base.replace(/\/v1(beta)?\/?$/, '');
      const name = model.replace(/^models\//, '');
      const headers = { ...json, 'x-goog-api-key': key ?? '' };
      return new GoogleProtocol({
        ...http,
        model: name,
        headers,
        generate: endpoint(root, `/v1beta/models/${name}:generateContent`),
        streamGenerate: endpoint(root, `/v1beta/models/${name}:streamGenerateContent?alt=sse`),
        models: endpoint(root, '/v1beta/models'),
      });
    }
    case 'azure': {
      const version = encodeURIComponent(options.azure?.apiVersion ?? AZURE_DEFAULT_API_VERSION);
      const chat = endpoint(base, `/openai/deployments/${encodeURIComponent(model)}/chat/completions?api-version=${version}`);
      return new OpenAIProtocol({ ...http, chat, models: null, headers: { ...json, 'api-key': key ?? '' }, openaiModelRules: true });
    }
    case 'openai-compatible': {
      const headers: Record<string, string> = key ? { ...json, authorization: `Bearer ${key}` } : json;
      return new OpenAIProtocol({ ...http, chat: endpoint(base, '/chat/completions'), models: endpoint(base, '/models'), headers, openaiModelRules: provider === 'openai' });
    }
  }
}

interface HttpSetup {
  transport: HttpTransport;
  provider: string;
  model: string;
  stream: boolean;
}

/** Under a URL policy, the pinned resolver every connection of the client uses. */
function guardedLookup(provider: string, options: ModelClientOptions): LookupFunction | undefined {
  const policy = options.urlPolicy;
  return policy && pinnedLookup(policy, (e) => refusedBaseUrlError(provider, e));
}

/**
 * The caller's pools, keyed by what makes this client's connections what they are: its provider (a refused address
 * fails naming it) and its URL policy (its resolver). Auth is a header of each request, so runs of different users
 * share connections to the same endpoint.
 */
function sharedPools(provider: string, options: ModelClientOptions): { pools: ConnectionPools; scope: string } | undefined {
  if (!options.pools) return undefined;
  const policy = options.urlPolicy;
  return { pools: options.pools, scope: `${provider} ${policy ? (policy.blockPrivate ? 'public-only' : 'guarded') : 'unguarded'}` };
}

/** Under a URL policy, the checks that need no DNS (IP-literal hosts are never looked up, so they are checked here). */
function checkEndpoint(provider: string, base: string, options: ModelClientOptions): void {
  if (!options.urlPolicy) return;
  try {
    checkBaseUrlSyntax(base, options.urlPolicy.blockPrivate);
  } catch (e) {
    throw e instanceof BaseUrlRefusedError ? refusedBaseUrlError(provider, e) : e;
  }
}

function bedrock(provider: string, model: string, options: ModelClientOptions, maxConnections: number, lookup: LookupFunction | undefined): WireProtocol {
  const b = options.bedrock ?? {};
  const accessKeyId = b.accessKeyId ?? options.apiKey;
  if (!accessKeyId || !b.secretAccessKey) {
    throw new ProviderError({ kind: 'auth', provider, message: `${provider}: AWS credentials are required (access key id and secret access key)` });
  }
  const endpoint = b.endpoint ?? options.baseUrl;
  if (endpoint) checkEndpoint(provider, endpoint, options);
  // Required here, not at start-up: the AWS SDK takes ≈ 20 ms to load and only Bedrock models need it (every
  // `studio eval` paid for it). A synchronous require keeps this factory synchronous.
  const { BedrockProtocol } = require('./bedrock.protocol') as typeof import('./bedrock.protocol');
  return new BedrockProtocol({
    provider,
    model,
    region: b.region ?? BEDROCK_DEFAULT_REGION,
    accessKeyId,
    secretAccessKey: b.secretAccessKey,
    sessionToken: b.sessionToken,
    endpoint,
    maxConnections,
    lookup,
    stream: options.stream ?? false,
  });
}

function configError(provider: string, reason: string): ProviderError {
  return new ProviderError({ kind: 'bad_request', provider, message: `${provider}: ${reason}` });
}
