import type { AttemptSignal } from './attempt.signal';
import { ProviderError } from './provider.error';
import { contentParts, contentText } from './content.util';
import type { ChatMessage, Content, GenerateConfig, GenerateResult, ModelInfo } from './types';

/** What one protocol attempt yields; the client adds timing and retry counts. */
export type ProtocolResult = Pick<GenerateResult, 'completion' | 'stop_reason' | 'usage' | 'model' | 'logprobs'>;

/**
 * One wire protocol (OpenAI chat completions, Anthropic Messages, ...). Each call is one attempt: retries,
 * concurrency and timeouts belong to the model client, which hands in a signal that fires on abort or deadline.
 */
export interface WireProtocol {
  generate(messages: ChatMessage[], config: GenerateConfig, signal: AttemptSignal): Promise<ProtocolResult>;
  listModels(signal: AttemptSignal): Promise<ModelInfo[]>;
  close(): Promise<void>;
}

export function listingNotSupported(provider: string, reason: string): ProviderError {
  return new ProviderError({ kind: 'bad_request', provider, message: `${provider}: model listing is not supported (${reason})` });
}

/** A 2xx response without the expected shape; worth a retry, like a 5xx. */
export function malformedResponse(provider: string, what: string): ProviderError {
  return new ProviderError({ kind: 'server', provider, message: `${provider}: malformed response (${what})` });
}

/**
 * Joins consecutive same-role turns (Anthropic and Bedrock require user/assistant alternation), keeping each turn's
 * parts in order; system turns become text.
 */
export function collapseTurns(messages: readonly ChatMessage[]): { system: string[]; turns: { role: 'user' | 'assistant'; parts: Content[] }[] } {
  const system: string[] = [];
  const turns: { role: 'user' | 'assistant'; parts: Content[] }[] = [];
  for (const m of messages) {
    if (m.role === 'system') {
      system.push(contentText(m.content));
      continue;
    }
    const last = turns[turns.length - 1];
    if (last && last.role === m.role) last.parts.push(...contentParts(m.content));
    else turns.push({ role: m.role, parts: [...contentParts(m.content)] });
  }
  return { system, turns };
}

export function optionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
