/**
 * How AWS Bedrock credentials are stored in the one `key` field of an API key: the access key id and
 * secret access key joined by `:`, plus an optional session token (`AKIA...:secret[:token]`). The region
 * comes from the key's base URL when it is a Bedrock runtime endpoint
 * (`https://bedrock-runtime.<region>.amazonaws.com`), else `us-east-1`.
 */
export interface BedrockCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region: string;
  /** Set when the base URL is not AWS's regional endpoint (a VPC endpoint or a proxy). */
  endpoint?: string;
}

export const BEDROCK_DEFAULT_REGION = 'us-east-1';
const AWS_RUNTIME_HOST = /^bedrock-runtime(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com$/;

export class BedrockCredentialsError extends Error {
  override name = 'BedrockCredentialsError';
}

export function parseBedrockCredentials(key: string, baseUrl?: string | null): BedrockCredentials {
  const [accessKeyId, secretAccessKey, ...rest] = key.split(':');
  if (!accessKeyId || !secretAccessKey || rest.length > 1 || rest[0] === '') {
    throw new BedrockCredentialsError('expected "<access key id>:<secret access key>" or "<access key id>:<secret access key>:<session token>"');
  }
  const credentials = { accessKeyId, secretAccessKey, ...(rest[0] ? { sessionToken: rest[0] } : {}) };
  if (!baseUrl) return { ...credentials, region: BEDROCK_DEFAULT_REGION };
  const region = AWS_RUNTIME_HOST.exec(new URL(baseUrl).hostname)?.[1];
  return region ? { ...credentials, region } : { ...credentials, region: BEDROCK_DEFAULT_REGION, endpoint: baseUrl };
}
