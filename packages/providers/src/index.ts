export type {
  AzureOptions,
  BedrockOptions,
  ChatMessage,
  ChatRole,
  Content,
  ContentImage,
  ContentText,
  GenerateConfig,
  GenerateResult,
  MockOutput,
  MockOutputs,
  ModelClient,
  ModelClientOptions,
  ModelInfo,
  ModelUsage,
  ProviderErrorKind,
  RetryInfo,
  StopReason,
  TokenLogprob,
} from './types';
export { contentText, hasImages } from './content.util';
export { parseModelId } from './model-id.parser';
export type { ParsedModelId } from './model-id.parser';
export { ProviderError, isFatalProviderError, isProviderError } from './provider.error';
export { createModelClient, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from './model.client';
export { resolveApiStyle } from './protocol.factory';
export { BaseUrlRefusedError, assertSafeBaseUrl, checkBaseUrlSyntax, pinnedLookup } from './base-url.guard';
export type { BaseUrlPolicy, LookupAll } from './base-url.guard';
export { MOCKLLM_DEFAULT_OUTPUT } from './mock.protocol';
export { ConnectionPools } from './connection.pool';
export { createRedactor, redact, REDACTED } from './secret.redactor';
export type { Redactor } from './secret.redactor';
export { BEDROCK_DEFAULT_REGION, BedrockCredentialsError, parseBedrockCredentials } from './bedrock-credentials';
export type { BedrockCredentials } from './bedrock-credentials';
