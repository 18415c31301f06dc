/**
 * The CLI's environment, parsed once at start-up. Besides its own settings it keeps the provider
 * credentials openbench reads (`<PROVIDER>_API_KEY`, `<PROVIDER>_BASE_URL` and the provider table's
 * own names), so nothing else in the CLI touches `process.env`.
 */
import { defaultEnvVar, findProvider, SCORING_SERVICE_NAMES, SCORING_SERVICES, type ScoringService } from '@studio/contracts';
import type { OperatorFilePaths } from '@studio/contracts';
import { boolEnv, describeEnvIssues, operatorFilePaths, operatorFilesEnvShape, scoringServiceUrls, scoringServicesEnvShape } from '@studio/runtime/config';
import { z } from 'zod';

const schema = z.object({
  DATA_DIR: z.string().min(1).default('./data'),
  DATASETS_OFFLINE: boolEnv.default(false),
  HF_TOKEN: z.string().min(1).optional(),
  STUDIO_TOKEN: z.string().min(1).optional(),
  ...scoringServicesEnvShape,
  ...operatorFilesEnvShape,
});

export interface CliEnv {
  dataDir: string;
  offline: boolean;
  hfToken?: string;
  /** `studio submit`'s bearer token when `--token` is not given (so CI secrets stay out of the command line). */
  studioToken?: string;
  /**
   * Each outside scoring service (Perspective for polyglotoxicity, Jina for deep_research_bench): the key openbench
   * reads (`PERSPECTIVE_API_KEY`, `JINA_API_KEY`; unset or empty is absent) and the endpoint (`*_API_URL`).
   */
  scoringServices: Record<ScoringService, { apiKey?: string; url: string }>;
  /** The operator's files (`FACTSCORE_DB_PATH`: factscore's knowledge base, `SCICODE_H5_PATH`: SciCode's test data). */
  operatorFiles: OperatorFilePaths;
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
  const urls = scoringServiceUrls(parsed.data);
  return {
    dataDir: parsed.data.DATA_DIR,
    offline: parsed.data.DATASETS_OFFLINE,
    hfToken: parsed.data.HF_TOKEN,
    studioToken: parsed.data.STUDIO_TOKEN,
    scoringServices: Object.fromEntries(
      SCORING_SERVICE_NAMES.map((service) => [service, { apiKey: nonEmpty(SCORING_SERVICES[service].env_var), url: urls[service] }]),
    ) as CliEnv['scoringServices'],
    operatorFiles: operatorFilePaths(parsed.data),
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
