import { Controller, Get, Route, Tags, OperationId } from '@tsoa/runtime';
import { PROVIDERS, type ApiStyle, type ProviderInfo } from '@studio/contracts';

export interface ProviderPublic {
  /** Prefix of model ids (`provider/model`) and the `provider` of an API key. @example "openai" */
  provider: string;
  display_name: string;
  /** Environment variable openbench reads the key from. */
  env_var: string;
  /** Default API base URL; null when it is account-specific (Azure, Bedrock) and must be given as `base_url`. */
  base_url: string | null;
  api_style: ApiStyle;
  /** False for local servers that accept any key (Ollama, vLLM). */
  requires_key: boolean;
  /** Brand colour for the web Studio. @example "#10a37f" */
  color: string;
  /** Takes image inputs (openbench's provider table); runs of vision benchmarks (`requirements.vision`) need it. */
  supports_vision: boolean;
}

function toPublic(p: ProviderInfo): ProviderPublic {
  return {
    provider: p.provider,
    display_name: p.display_name,
    env_var: p.env_var,
    base_url: p.base_url,
    api_style: p.api_style,
    requires_key: p.requires_key,
    color: p.color,
    supports_vision: p.supports_vision,
  };
}

// The built-in mock needs no key, so it has no place in a list of providers to store keys for; its models
// (`mockllm/...`) can be run without one.
const SELECTABLE: ProviderPublic[] = PROVIDERS.filter((p) => p.api_style !== 'mock').map(toPublic);

@Route('api-keys')
@Tags('API Keys')
export class ProviderController extends Controller {
  /**
   * The predefined providers you can store a key for. Any other name registers your own OpenAI-compatible
   * endpoint (vLLM, Ollama, LiteLLM, an internal gateway) when saved with a `base_url`.
   * @summary List model providers
   */
  @Get('providers')
  @OperationId('listProviders')
  public providers(): ProviderPublic[] {
    return SELECTABLE;
  }
}
