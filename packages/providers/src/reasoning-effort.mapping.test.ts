import { anthropicRequest } from './anthropic.protocol';
import { converseInput } from './bedrock.protocol';
import { geminiRequestBody } from './google.protocol';
import { EFFORT_TO_TOKENS, claudeFamily, geminiThinkingConfig } from './reasoning-effort.mapping';
import type { ChatMessage, GenerateConfig } from './types';

const chat: ChatMessage[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'What is 1 + 1?' },
];

function claudeBody(model: string, config: GenerateConfig): { body: Record<string, unknown>; longOutput: boolean } {
  const request = anthropicRequest('anthropic', model, claudeFamily(model), chat, config, false);
  return { body: JSON.parse(request.body) as Record<string, unknown>, longOutput: request.longOutput };
}

function geminiGenerationConfig(model: string, config: GenerateConfig): Record<string, unknown> {
  return (JSON.parse(geminiRequestBody('google', model, chat, config)) as { generationConfig: Record<string, unknown> }).generationConfig;
}

describe('EFFORT_TO_TOKENS', () => {
  it("is Inspect's table", () => {
    expect(EFFORT_TO_TOKENS).toEqual({ minimal: 2048, low: 4096, medium: 10_000, high: 16_000 });
  });
});

describe('claudeFamily', () => {
  it.each([
    ['claude-3-haiku-20240307', { thinking: false, adaptive: false, rejectsSampling: false, defaultMaxTokens: 4096 }],
    ['claude-3-5-sonnet-latest', { thinking: false, adaptive: false, rejectsSampling: false, defaultMaxTokens: 4096 }],
    ['claude-3-7-sonnet-20250219', { thinking: true, adaptive: false, rejectsSampling: false, defaultMaxTokens: 32_000, maxTokensCap: 128_000 }],
    ['claude-sonnet-4-20250514', { thinking: true, adaptive: false, rejectsSampling: false, maxTokensCap: 64_000 }],
    ['claude-opus-4-1-20250805', { thinking: true, adaptive: false, rejectsSampling: false, maxTokensCap: 32_000 }],
    ['claude-haiku-4-5', { thinking: true, adaptive: false, rejectsSampling: false, maxTokensCap: 64_000 }],
    ['claude-sonnet-4-6', { thinking: true, adaptive: true, rejectsSampling: false, maxTokensCap: 64_000 }],
    ['claude-opus-4-6', { thinking: true, adaptive: true, rejectsSampling: false, maxTokensCap: 128_000 }],
    ['claude-opus-4-7', { thinking: true, adaptive: true, rejectsSampling: true, maxTokensCap: 128_000 }],
    ['claude-fable-5', { thinking: true, adaptive: true, rejectsSampling: true, maxTokensCap: 128_000 }],
    ['claude-sonnet-4-9', { thinking: true, adaptive: true, rejectsSampling: true, maxTokensCap: 64_000 }],
  ])('%s', (model, expected) => {
    expect(claudeFamily(model)).toMatchObject(expected);
  });
});

describe('Anthropic request body', () => {
  it('leaves the request as it was without reasoning_effort', () => {
    expect(claudeBody('claude-sonnet-4-5', { temperature: 0.5, top_p: 0.9 })).toEqual({
      body: {
        model: 'claude-sonnet-4-5',
        max_tokens: 32_000,
        system: 'Be brief.',
        messages: [{ role: 'user', content: 'What is 1 + 1?' }],
        temperature: 0.5,
        top_p: 0.9,
      },
      longOutput: false,
    });
  });

  it('turns on extended thinking with the effort budget on Claude 3.7–4.5, without sampling parameters', () => {
    expect(claudeBody('claude-sonnet-4-5', { reasoning_effort: 'medium', temperature: 0.5, top_p: 0.9, stop: ['END'] })).toEqual({
      body: {
        model: 'claude-sonnet-4-5',
        max_tokens: 42_000,
        system: 'Be brief.',
        messages: [{ role: 'user', content: 'What is 1 + 1?' }],
        stop_sequences: ['END'],
        thinking: { type: 'enabled', budget_tokens: 10_000, display: 'summarized' },
      },
      longOutput: true,
    });
  });

  it('caps the enlarged default max_tokens at the model ceiling, and keeps an explicit one', () => {
    expect(claudeBody('claude-opus-4-1', { reasoning_effort: 'high' }).body).toMatchObject({ max_tokens: 32_000, thinking: { budget_tokens: 16_000 } });
    expect(claudeBody('claude-3-7-sonnet-latest', { reasoning_effort: 'minimal', max_tokens: 4096 })).toMatchObject({
      body: { max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 2048 } },
      longOutput: false,
    });
  });

  it('uses adaptive thinking and output_config.effort from Claude 4.6, with minimal as low', () => {
    const { body, longOutput } = claudeBody('claude-opus-4-6', { reasoning_effort: 'minimal', temperature: 0 });
    expect(body).toMatchObject({ max_tokens: 36_096, thinking: { type: 'adaptive', display: 'summarized' }, output_config: { effort: 'low' } });
    expect(body).not.toHaveProperty('temperature');
    expect(longOutput).toBe(true);
    expect(claudeBody('claude-sonnet-4-6', { reasoning_effort: 'high' }).body).toMatchObject({ max_tokens: 48_000, output_config: { effort: 'high' } });
  });

  it('never sends temperature or top_p to Claude 4.7 and later', () => {
    const { body, longOutput } = claudeBody('claude-opus-4-7', { temperature: 0.2, top_p: 0.5 });
    expect(body).not.toHaveProperty('temperature');
    expect(body).not.toHaveProperty('top_p');
    expect(body).not.toHaveProperty('thinking');
    expect(longOutput).toBe(false);
  });

  it('ignores reasoning_effort for Claude 3 and 3.5, which cannot think', () => {
    expect(claudeBody('claude-3-5-haiku-latest', { reasoning_effort: 'high', temperature: 0 })).toEqual({
      body: { model: 'claude-3-5-haiku-latest', max_tokens: 4096, system: 'Be brief.', messages: [{ role: 'user', content: 'What is 1 + 1?' }], temperature: 0 },
      longOutput: false,
    });
  });

  it('marks streaming requests', () => {
    expect(JSON.parse(anthropicRequest('anthropic', 'claude-sonnet-4-5', claudeFamily('claude-sonnet-4-5'), chat, {}, true).body)).toMatchObject({ stream: true });
  });
});

describe('Gemini request body', () => {
  it('sends no thinkingConfig without reasoning_effort', () => {
    expect(geminiGenerationConfig('gemini-2.5-flash', { temperature: 0 })).toEqual({ temperature: 0 });
  });

  it('gives Gemini 2.5 the effort budget', () => {
    expect(geminiGenerationConfig('gemini-2.5-flash', { reasoning_effort: 'medium', max_tokens: 100 })).toEqual({
      maxOutputTokens: 100,
      thinkingConfig: { includeThoughts: true, thinkingBudget: 10_000 },
    });
    expect(geminiGenerationConfig('gemini-2.5-pro', { reasoning_effort: 'high' }).thinkingConfig).toEqual({ includeThoughts: true, thinkingBudget: 16_000 });
  });

  it.each([
    ['gemini-3-pro-preview', 'medium', 'MEDIUM'],
    ['gemini-3-pro-preview', 'minimal', 'LOW'],
    ['gemini-3-flash-preview', 'minimal', 'MINIMAL'],
    ['gemini-3.6-flash', 'minimal', 'MINIMAL'],
    ['gemini-3.7-flash', 'minimal', 'LOW'],
    ['gemini-3.1-flash-lite', 'minimal', 'MINIMAL'],
    ['gemini-3-flash-lite', 'minimal', 'LOW'],
    ['gemini-3.6-flash-lite', 'minimal', 'LOW'],
    ['gemini-flash-latest', 'minimal', 'LOW'],
    ['gemini-3-pro-preview', 'high', 'HIGH'],
    ['nano-banana', 'low', 'LOW'],
  ] as const)('gives %s a %s effort as thinkingLevel %s', (model, effort, level) => {
    expect(geminiGenerationConfig(model, { reasoning_effort: effort }).thinkingConfig).toEqual({ includeThoughts: true, thinkingLevel: level });
  });

  it('sends reasoning_tokens as the thinking budget on Gemini 2.5, as Inspect does, ahead of an effort there', () => {
    expect(geminiGenerationConfig('gemini-2.5-pro-preview-06-05', { reasoning_tokens: 16_000 })).toEqual({ thinkingConfig: { includeThoughts: true, thinkingBudget: 16_000 } });
    expect(geminiThinkingConfig('gemini-2.5-flash', 'low', 500)).toEqual({ includeThoughts: true, thinkingBudget: 500 });
  });

  it('prefers an effort (as a thinking level) to reasoning_tokens on Gemini 3, and sends the budget without one', () => {
    expect(geminiThinkingConfig('gemini-3-pro-preview', 'high', 500)).toEqual({ includeThoughts: true, thinkingLevel: 'HIGH' });
    expect(geminiThinkingConfig('gemini-3-pro-preview', undefined, 500)).toEqual({ includeThoughts: true, thinkingBudget: 500 });
    expect(geminiThinkingConfig('gemini-2.0-flash', undefined, 500)).toBeUndefined();
  });

  it.each(['gemini-2.0-flash', 'gemini-1.5-pro', 'gemma-3-27b-it', 'text-embedding-004'])('ignores reasoning_effort for %s, which does not think', (model) => {
    expect(geminiThinkingConfig(model, 'high')).toBeUndefined();
    expect(geminiGenerationConfig(model, { reasoning_effort: 'high' })).toEqual({});
  });
});

describe('Converse request', () => {
  it("passes reasoning_effort to gpt-oss in additionalModelRequestFields", () => {
    expect(converseInput('bedrock', 'openai.gpt-oss-120b-1:0', chat, { reasoning_effort: 'low', max_tokens: 64 })).toEqual({
      modelId: 'openai.gpt-oss-120b-1:0',
      messages: [{ role: 'user', content: [{ text: 'What is 1 + 1?' }] }],
      system: [{ text: 'Be brief.' }],
      inferenceConfig: { maxTokens: 64 },
      additionalModelRequestFields: { reasoning_effort: 'low' },
    });
  });

  it.each(['anthropic.claude-sonnet-4-5-20250929-v1:0', 'us.amazon.nova-pro-v1:0', 'meta.llama3-70b-instruct-v1:0'])('ignores reasoning_effort for %s, as Inspect does', (model) => {
    expect(converseInput('bedrock', model, chat, { reasoning_effort: 'high', temperature: 0.3 })).toEqual({
      modelId: model,
      messages: [{ role: 'user', content: [{ text: 'What is 1 + 1?' }] }],
      system: [{ text: 'Be brief.' }],
      inferenceConfig: { temperature: 0.3 },
    });
  });
});
