/**
 * `reasoning_effort` for the protocols that have no such field, mapped as Inspect maps it
 * (inspect_ai/model/_reasoning.py, _providers/anthropic.py, google.py with _google_reasoning.py, bedrock.py).
 * OpenAI-compatible and Azure endpoints take `reasoning_effort` as it is (see openai.protocol.ts).
 */
import type { GenerateConfig } from './types';

export type ReasoningEffort = NonNullable<GenerateConfig['reasoning_effort']>;

/**
 * Inspect's fixed effort → token budget table, for APIs that only take a budget (Claude 3.7–4.5 extended thinking,
 * Gemini 2.5). Every value clears Anthropic's 1,024-token floor.
 */
export const EFFORT_TO_TOKENS: Readonly<Record<ReasoningEffort, number>> = { minimal: 2048, low: 4096, medium: 10_000, high: 16_000 };

export interface ClaudeThinking {
  thinking: { type: 'adaptive'; display: 'summarized' } | { type: 'enabled'; budget_tokens: number; display: 'summarized' };
  output_config?: { effort: 'low' | 'medium' | 'high' };
  /** Added to the default `max_tokens` when the caller sets none, so the answer keeps room beside the thinking. */
  extraMaxTokens: number;
}

/** What Inspect knows about a Claude model from its name: thinking support, effort style, output ceiling. */
export interface ClaudeFamily {
  /** Claude 3.7 and later; Claude 3 and 3.5 cannot think. */
  thinking: boolean;
  /** Claude 4.6 and later (Inspect's "frontier"): adaptive thinking steered by `output_config.effort`. */
  adaptive: boolean;
  /** Claude 4.7 and later always think, and reject temperature and top_p whatever the request says. */
  rejectsSampling: boolean;
  /** Inspect's `max_tokens` when the caller sets none: 4,096 for Claude 3 and 3.5 (their ceiling), 32,000 after. */
  defaultMaxTokens: number;
  /** The model's output ceiling, which caps a default `max_tokens` enlarged for thinking. */
  maxTokensCap: number;
}

export function claudeFamily(model: string): ClaudeFamily {
  const name = model.toLowerCase();
  const claude3 = /claude-3-[a-z]/.test(name);
  const claude35 = name.includes('claude-3-5-');
  const claude37 = name.includes('claude-3-7-');
  const claude4 = /claude-[a-z]+-4/.test(name);
  const claude4x = (minor: number): boolean => new RegExp(`claude-[a-z]+-4-${minor}`).test(name);
  // Undated `claude-sonnet-4` style names are 4.0 too (`-4-20250514`, `-4@20250514`).
  const claude40 = claude4x(0) || /claude-[a-z]+-4[-@]20\d{6}/.test(name);
  // Claude 5 names carry a codename rather than a tier (claude-fable-5); digits before `-5` (claude-haiku-4-5) do not count.
  const claude5 = /claude-[a-z]+-5/.test(name);
  const knownClaude4 = claude40 || claude4x(1) || claude4x(5) || claude4x(6) || claude4x(7) || claude4x(8);
  // Names Inspect does not know yet are assumed to be the newest models.
  const latest = claude4 ? !knownClaude4 : !claude3 && !claude35 && !claude37 && !claude5;
  const from47 = claude4x(7) || claude4x(8) || claude5 || latest;
  const adaptive = claude4x(6) || from47;
  const opus4 = claude4 && name.includes('opus');
  let maxTokensCap: number;
  if ((adaptive && opus4) || claude5 || (latest && !claude4)) maxTokensCap = 128_000;
  else if (claude4x(5) || adaptive) maxTokensCap = 64_000;
  else if (opus4) maxTokensCap = 32_000;
  else if (claude37) maxTokensCap = 128_000;
  else maxTokensCap = 64_000;
  const thinking = !claude3 && !claude35;
  return { thinking, adaptive, rejectsSampling: from47, defaultMaxTokens: thinking ? 32_000 : 4096, maxTokensCap };
}

/** Inspect's default `max_tokens` additions for adaptive thinking, by the effort sent. */
const ADAPTIVE_EXTRA_TOKENS = { low: 4096, medium: 10_000, high: 16_000 } as const;

/**
 * The thinking request for an effort: adaptive thinking with `output_config.effort` on Claude 4.6 and later
 * (`minimal` becomes `low`, their lowest level), extended thinking with the table's budget on Claude 3.7–4.5,
 * nothing on models that cannot think.
 */
export function claudeThinking(family: ClaudeFamily, effort: ReasoningEffort | undefined): ClaudeThinking | undefined {
  if (effort === undefined || !family.thinking) return undefined;
  if (family.adaptive) {
    const level = effort === 'minimal' ? 'low' : effort;
    return { thinking: { type: 'adaptive', display: 'summarized' }, output_config: { effort: level }, extraMaxTokens: ADAPTIVE_EXTRA_TOKENS[level] };
  }
  const budget = EFFORT_TO_TOKENS[effort];
  return { thinking: { type: 'enabled', budget_tokens: budget, display: 'summarized' }, extraMaxTokens: budget };
}

/** Name tokens of Google models that never think, so are not taken for an unknown (newest) Gemini either. */
const NON_GENERATIVE_TOKENS = ['embedding', 'imagen', 'veo', 'gemma', 'aqa', 'learnlm', 'tts'];

export type GeminiThinkingConfig =
  | { includeThoughts: true; thinkingLevel: 'MINIMAL' | 'LOW' | 'MEDIUM' | 'HIGH' }
  | { includeThoughts: true; thinkingBudget: number };

/**
 * Gemini's `thinkingConfig` as Inspect's `chat_thinking_config` builds it: on Gemini 3 and later an effort becomes a
 * thinking level; otherwise `reasoning_tokens` is the token budget as given (openbench's deep_research_bench judges:
 * `thinking_budget=16000`), else an effort becomes a budget from the table on 2.5; nothing on 1.5 and 2.0 (no
 * thinking) or non-Gemini models. Inspect caps 2.5 budgets from an effort at 24,576 (Flash) and 32,768 (Pro); the
 * largest budget of the table is 16,000, so no cap applies here.
 */
export function geminiThinkingConfig(
  model: string,
  effort: ReasoningEffort | undefined,
  reasoningTokens?: number,
): GeminiThinkingConfig | undefined {
  if (effort === undefined && reasoningTokens === undefined) return undefined;
  const name = model.toLowerCase();
  const latest = !NON_GENERATIVE_TOKENS.some((token) => name.includes(token)) && !name.includes('gemini');
  const thinking = (name.includes('gemini-') || latest) && !name.includes('gemini-1.5') && !name.includes('gemini-2.0');
  if (!thinking) return undefined;
  const budgeted = name.includes('gemini-2.5');
  if (effort !== undefined && !budgeted) {
    const level = effort === 'minimal' && !geminiAcceptsMinimal(name) ? 'low' : effort;
    return { includeThoughts: true, thinkingLevel: level.toUpperCase() as 'MINIMAL' | 'LOW' | 'MEDIUM' | 'HIGH' };
  }
  if (reasoningTokens !== undefined) return { includeThoughts: true, thinkingBudget: reasoningTokens };
  return effort === undefined ? undefined : { includeThoughts: true, thinkingBudget: EFFORT_TO_TOKENS[effort] };
}

/**
 * Only Flash 3.0–3.6 and Flash-Lite 3.1–3.5 are documented to accept `MINIMAL`; Pro never did and later Flash releases
 * answer it with a 400, so everything else (codenames, rolling aliases) gets `LOW` instead.
 */
function geminiAcceptsMinimal(name: string): boolean {
  const last = name.slice(name.lastIndexOf('/') + 1);
  const match = /gemini-(\d+(?:\.\d+)*)/.exec(last);
  if (!match || !last.includes('flash')) return false;
  const version = match[1].split('.').map(Number);
  const [low, high] = last.includes('flash-lite') ? [[3, 1], [3, 6]] : [[3], [3, 7]];
  return compareVersions(low, version) <= 0 && compareVersions(version, high) < 0;
}

/** Orders versions as Python orders tuples: (3,) < (3, 0) < (3, 1). */
function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/**
 * Converse's `additionalModelRequestFields` for an effort. Inspect passes `reasoning_effort` through for OpenAI's
 * gpt-oss models only: on Bedrock it enables Claude's thinking from an explicit token budget alone, which this
 * configuration does not have, and sends nothing for other models, so the effort is ignored for them here too.
 */
export function converseReasoningFields(model: string, effort: ReasoningEffort | undefined): Record<string, string> | undefined {
  return effort !== undefined && model.includes('gpt-oss') ? { reasoning_effort: effort } : undefined;
}
