/**
 * Outside services that score a benchmark's outputs with the run owner's own key, as a model provider is called
 * with theirs (openbench's polyglotoxicity sends every continuation to Google's Perspective API). Their keys are
 * stored apart from provider keys (`/api/service-keys/{service}`), so the model provider list stays as it is.
 */
export const SCORING_SERVICES = {
  perspective: {
    display_name: 'Google Perspective API',
    /** Short name for buttons. */
    short_name: 'Perspective',
    /** What it scores, for the Settings page. */
    scores: 'polyglotoxicity (toxicity of each continuation)',
    /** Where `studio eval` reads the key, as openbench does. */
    env_var: 'PERSPECTIVE_API_KEY',
    /** Overrides `default_url` on workers and `studio eval` (tests use a local server). */
    url_env_var: 'PERSPECTIVE_API_URL',
    /** commentanalyzer's discovery `rootUrl`. */
    default_url: 'https://commentanalyzer.googleapis.com',
    docs_url: 'https://developers.perspectiveapi.com/s/docs-get-started',
  },
  jina: {
    display_name: 'Jina AI Reader',
    short_name: 'Jina',
    scores: 'deep_research_bench (reads each cited web page to check the citation)',
    env_var: 'JINA_API_KEY',
    url_env_var: 'JINA_API_URL',
    /** openbench's `JinaWebScraper` reads `https://r.jina.ai/<url>`. */
    default_url: 'https://r.jina.ai',
    docs_url: 'https://jina.ai/reader',
  },
} as const;

export type ScoringService = keyof typeof SCORING_SERVICES;

export const SCORING_SERVICE_NAMES = Object.keys(SCORING_SERVICES) as ScoringService[];

export function isScoringService(name: string): name is ScoringService {
  return Object.hasOwn(SCORING_SERVICES, name);
}

/**
 * Files an operator provides for a benchmark that no run may name (large data that cannot be downloaded per run):
 * the variable that holds the path on workers and `studio eval`, and, on the gateway, only whether one is configured
 * (runs are refused with 422 while it is unset, so the values must match the workers').
 */
export const OPERATOR_FILES = {
  factscore_wikipedia: { env_var: 'FACTSCORE_DB_PATH', what: "FActScore's Wikipedia knowledge base", use: 'checks answers against' },
  scicode_test_data: { env_var: 'SCICODE_H5_PATH', what: "SciCode's test data (test_data.h5)", use: 'runs its tests against' },
} as const;

export type OperatorFile = keyof typeof OPERATOR_FILES;

export const OPERATOR_FILE_NAMES = Object.keys(OPERATOR_FILES) as OperatorFile[];

/** The configured path of each operator file; unset ones are absent. */
export type OperatorFilePaths = Partial<Record<OperatorFile, string>>;

export function isOperatorFile(name: string): name is OperatorFile {
  return Object.hasOwn(OPERATOR_FILES, name);
}

/** Why `benchmark` cannot run without `file`: `where` is "this deployment has not configured" or "is not configured here". */
export function operatorFileMissing(benchmark: string, file: OperatorFile, where: 'this deployment has not configured' | 'is not configured here'): string {
  const { what, use, env_var } = OPERATOR_FILES[file];
  return `${benchmark} ${use} ${what}, which ${where} (${env_var})`;
}
