/**
 * Outside services that score a benchmark's outputs with the run owner's own key, as a model provider is called
 * with theirs (openbench's polyglotoxicity sends every continuation to Google's Perspective API). Their keys are
 * stored apart from provider keys (`/api/service-keys/{service}`), so the model provider list stays as it is.
 */
export const SCORING_SERVICES = {
  perspective: {
    display_name: 'Google Perspective API',
    /** Where `studio eval` reads the key, as openbench does. */
    env_var: 'PERSPECTIVE_API_KEY',
    /** commentanalyzer's discovery `rootUrl`; `PERSPECTIVE_API_URL` overrides it (tests use a local server). */
    default_url: 'https://commentanalyzer.googleapis.com',
    docs_url: 'https://developers.perspectiveapi.com/s/docs-get-started',
  },
} as const;

export type ScoringService = keyof typeof SCORING_SERVICES;

export const SCORING_SERVICE_NAMES = Object.keys(SCORING_SERVICES) as ScoringService[];

export function isScoringService(name: string): name is ScoringService {
  return Object.hasOwn(SCORING_SERVICES, name);
}
