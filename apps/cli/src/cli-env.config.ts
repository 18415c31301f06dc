/**
 * The CLI's environment, parsed once at start-up. Besides its own settings it keeps the provider
 * credentials openbench reads (`<PROVIDER>_API_KEY`, `<PROVIDER>_BASE_URL` and the provider table's
 * own names), so nothing else in the CLI touches `process.env`.
 */
import { defaultEnvVar, findProvider } from '@studio/contracts';
import { boolEnv, describeEnvIssues, factscoreEnvShape, scoringServicesEnvShape } from '@studio/runtime/config';
import { z } from 'zod';

const schema = z.object({
  DATA_DIR: z.string().min(1).default('./data'),
  DATASETS_OFFLINE: boolEnv.default(false),
  HF_TOKEN: z.string().min(1).optional(),
  STUDIO_TOKEN: z.string().min(1).optional(),
  PERSPECTIVE_API_KEY: z.string().min(1).optional(),
  ...scoringServicesEnvShape,
  ...factscoreEnvShape,
});

export interface CliEnv {
  dataDir: string;
  offline: boolean;
  hfToken?: string;
  /** `studio submit`'s bearer token when `--token` is not given (so CI secrets stay out of the command line). */
  studioToken?: string;
  /** Google's Perspective API, which scores polyglotoxicity: the key openbench reads (`PERSPECTIVE_API_KEY`) and the endpoint. */
  perspective: { apiKey?: string; url: string };
  /** FActScore's Wikipedia knowledge base (`FACTSCORE_DB_PATH`), which factscore checks answers against. */
  factscoreDbPath?: string;
  /** The API key variable openbench reads for `provider`, and its value when set. */
  apiKey(provider: string): { variable: string; value?: string };
  /** `<PROVIDER>_BASE_URL` (or the provider table's name for it), when set. */
  baseUrl(provider: string): string | undefined;
}

export class CliEnvError extends Error {}

export function loadCliEnv(env: NodeJS.ProcessEnv): CliEnv {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new CliEnvError(`Invalid environment:\n${describeEnvIssues(parsed.error)}`);
  const vars = z.record(z.string(), z.string()).parse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)));
  const nonEmpty = (name: string) => (vars[name] ? vars[name] : undefined);
  return {
    dataDir: parsed.data.DATA_DIR,
    offline: parsed.data.DATASETS_OFFLINE,
    hfToken: parsed.data.HF_TOKEN,
    studioToken: parsed.data.STUDIO_TOKEN,
    perspective: { apiKey: parsed.data.PERSPECTIVE_API_KEY, url: parsed.data.PERSPECTIVE_API_URL },
    factscoreDbPath: parsed.data.FACTSCORE_DB_PATH,
    apiKey(provider) {
      const variable = findProvider(provider)?.env_var ?? defaultEnvVar(provider);
      return { variable, value: nonEmpty(variable) };
    },
    baseUrl(provider) {
      const info = findProvider(provider);
      const variable = info ? info.base_url_env : `${provider.toUpperCase().replace(/[- ]/g, '_')}_BASE_URL`;
      return variable ? nonEmpty(variable) : undefined;
    },
  };
}
