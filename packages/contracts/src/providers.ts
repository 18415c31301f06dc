/**
 * The one table of model providers (openbench v0.5.3 providers, plus Studio's). Gateway, worker,
 * providers package and web all read this list; nothing else defines provider facts.
 */

/** Wire protocol a provider speaks. */
export type ApiStyle = 'openai-compatible' | 'anthropic' | 'google' | 'bedrock' | 'azure' | 'mock';

export interface ProviderInfo {
  /** Prefix in `provider/model`. */
  provider: string;
  display_name: string;
  /** Environment variable openbench reads the key from. */
  env_var: string;
  /** Default API base URL; null when the SDK/endpoint is account-specific (Azure, Bedrock). */
  base_url: string | null;
  /** Environment variable that overrides the base URL in openbench. */
  base_url_env: string | null;
  api_style: ApiStyle;
  /** False for local servers that accept any key (Ollama, vLLM) and for the built-in mock. */
  requires_key: boolean;
  /** Brand colour used by the web Studio. */
  color: string;
  /** Takes image inputs, as openbench's provider table (`provider_config.py`, `supports_vision`) says; a vision benchmark cannot start on a provider without. */
  supports_vision: boolean;
}

const grey = '#6b7280';

type ProviderRow = Omit<ProviderInfo, 'supports_vision'>;

function openai(provider: string, display_name: string, env_var: string, base_url: string, color = grey): ProviderRow {
  const base = provider.toUpperCase().replace(/-/g, '_');
  return { provider, display_name, env_var, base_url, base_url_env: `${base}_BASE_URL`, api_style: 'openai-compatible', requires_key: true, color };
}

/**
 * Providers whose `supports_vision` is true in openbench's provider table, plus those it has no entry for whose
 * protocol carries images: Bedrock (Converse image blocks), the local servers Ollama and vLLM (the model they serve
 * decides) and the built-in mock (it ignores its input).
 */
const VISION = new Set([
  'anthropic', 'azure', 'deepinfra', 'fireworks', 'google', 'groq', 'helicone', 'huggingface', 'novita', 'openai', 'openrouter',
  'reka', 'siliconflow', 'together', 'vercel',
  'bedrock', 'ollama', 'vllm', 'mockllm',
]);

const TABLE: readonly ProviderRow[] = [
  openai('ai21', 'AI21 Labs', 'AI21_API_KEY', 'https://api.ai21.com/studio/v1'),
  { provider: 'anthropic', display_name: 'Anthropic', env_var: 'ANTHROPIC_API_KEY', base_url: 'https://api.anthropic.com', base_url_env: 'ANTHROPIC_BASE_URL', api_style: 'anthropic', requires_key: true, color: '#d97706' },
  { provider: 'azure', display_name: 'Azure OpenAI', env_var: 'AZURE_OPENAI_API_KEY', base_url: null, base_url_env: 'AZURE_OPENAI_ENDPOINT', api_style: 'azure', requires_key: true, color: '#0078d4' },
  openai('baseten', 'Baseten', 'BASETEN_API_KEY', 'https://inference.baseten.co/v1'),
  { provider: 'bedrock', display_name: 'AWS Bedrock', env_var: 'AWS_ACCESS_KEY_ID', base_url: null, base_url_env: 'BEDROCK_BASE_URL', api_style: 'bedrock', requires_key: true, color: '#ff9900' },
  openai('cerebras', 'Cerebras', 'CEREBRAS_API_KEY', 'https://api.cerebras.ai/v1', '#6366f1'),
  openai('cohere', 'Cohere', 'COHERE_API_KEY', 'https://api.cohere.ai/compatibility/v1', '#7c3aed'),
  openai('crusoe', 'Crusoe', 'CRUSOE_API_KEY', 'https://api.crusoe.ai/v1'),
  openai('deepinfra', 'DeepInfra', 'DEEPINFRA_API_KEY', 'https://api.deepinfra.com/v1/openai'),
  openai('deepseek', 'DeepSeek', 'DEEPSEEK_API_KEY', 'https://api.deepseek.com/v1', '#4d6bfe'),
  openai('fireworks', 'Fireworks', 'FIREWORKS_API_KEY', 'https://api.fireworks.ai/inference/v1', '#ef4444'),
  openai('friendli', 'Friendli', 'FRIENDLI_TOKEN', 'https://api.friendli.ai/serverless/v1'),
  { provider: 'google', display_name: 'Google AI', env_var: 'GOOGLE_API_KEY', base_url: 'https://generativelanguage.googleapis.com', base_url_env: 'GOOGLE_BASE_URL', api_style: 'google', requires_key: true, color: '#4285f4' },
  openai('groq', 'Groq', 'GROQ_API_KEY', 'https://api.groq.com/openai/v1', '#f97316'),
  { ...openai('helicone', 'Helicone AI Gateway', 'HELICONE_API_KEY', 'https://ai-gateway.helicone.ai'), base_url_env: null },
  { ...openai('huggingface', 'Hugging Face', 'HF_TOKEN', 'https://router.huggingface.co/v1', '#fbbf24'), base_url_env: 'HF_BASE_URL' },
  openai('hyperbolic', 'Hyperbolic', 'HYPERBOLIC_API_KEY', 'https://api.hyperbolic.xyz/v1'),
  openai('lambda', 'Lambda', 'LAMBDA_API_KEY', 'https://api.lambda.ai/v1'),
  openai('minimax', 'MiniMax', 'MINIMAX_API_KEY', 'https://api.minimax.io/v1'),
  openai('mistral', 'Mistral', 'MISTRAL_API_KEY', 'https://api.mistral.ai/v1', '#ff7000'),
  openai('moonshot', 'Moonshot', 'MOONSHOT_API_KEY', 'https://api.moonshot.ai/v1'),
  openai('nebius', 'Nebius', 'NEBIUS_API_KEY', 'https://api.studio.nebius.com/v1'),
  openai('nous', 'Nous Research', 'NOUS_API_KEY', 'https://inference-api.nousresearch.com/v1'),
  openai('novita', 'Novita AI', 'NOVITA_API_KEY', 'https://api.novita.ai/openai/v1'),
  { ...openai('ollama', 'Ollama', 'OLLAMA_API_KEY', 'http://localhost:11434/v1'), requires_key: false },
  openai('openai', 'OpenAI', 'OPENAI_API_KEY', 'https://api.openai.com/v1', '#10a37f'),
  { ...openai('openrouter', 'OpenRouter', 'OPENROUTER_API_KEY', 'https://openrouter.ai/api/v1', '#6366f1'), base_url_env: null },
  openai('parasail', 'Parasail', 'PARASAIL_API_KEY', 'https://api.parasail.io/v1'),
  openai('perplexity', 'Perplexity', 'PERPLEXITY_API_KEY', 'https://api.perplexity.ai'),
  openai('reka', 'Reka', 'REKA_API_KEY', 'https://api.reka.ai/v1'),
  openai('sambanova', 'SambaNova', 'SAMBANOVA_API_KEY', 'https://api.sambanova.ai/v1'),
  openai('siliconflow', 'SiliconFlow', 'SILICONFLOW_API_KEY', 'https://api.siliconflow.com/v1'),
  openai('together', 'Together AI', 'TOGETHER_API_KEY', 'https://api.together.xyz/v1', '#3b82f6'),
  { ...openai('vercel', 'Vercel AI Gateway', 'AI_GATEWAY_API_KEY', 'https://ai-gateway.vercel.sh/v1', '#000000'), base_url_env: 'AI_GATEWAY_BASE_URL' },
  { ...openai('vllm', 'vLLM', 'VLLM_API_KEY', 'http://localhost:8000/v1'), requires_key: false },
  { ...openai('wandb', 'W&B Inference', 'WANDB_API_KEY', 'https://api.inference.wandb.ai/v1', '#fbbf24'), base_url_env: 'WANDB_INFERENCE_BASE_URL' },
  { ...openai('xai', 'xAI (Grok)', 'XAI_API_KEY', 'https://api.x.ai/v1'), base_url_env: 'GROK_BASE_URL' },
  { provider: 'mockllm', display_name: 'Mock LLM (built in)', env_var: 'MOCKLLM_API_KEY', base_url: null, base_url_env: null, api_style: 'mock', requires_key: false, color: grey },
];

export const PROVIDERS: readonly ProviderInfo[] = Object.freeze(TABLE.map((row) => ({ ...row, supports_vision: VISION.has(row.provider) })));

const byName = new Map(PROVIDERS.map((p) => [p.provider, p]));

export function findProvider(name: string): ProviderInfo | undefined {
  return byName.get(name);
}

/**
 * Why a vision benchmark cannot run on `provider`, or null: a provider openbench's table lists without vision support
 * would reject or ignore the images. A provider outside the table (a user's own endpoint) is the user's call.
 */
export function visionRefusal(benchmark: string, provider: string): string | null {
  if (findProvider(provider)?.supports_vision !== false) return null;
  return `${benchmark} sends images, and provider "${provider}" does not take image inputs (openbench's provider table); choose a model of a provider with supports_vision in GET /api/api-keys/providers`;
}

/** Env var name for a provider that is not in the table (user-defined endpoints), openbench's convention. */
export function defaultEnvVar(provider: string): string {
  return `${provider.toUpperCase().replace(/[- ]/g, '_')}_API_KEY`;
}
