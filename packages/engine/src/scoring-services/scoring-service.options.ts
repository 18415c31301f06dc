/** What every owner-keyed scoring service's client is built with. */
export interface ScoringServiceClientOptions {
  apiKey: string;
  /** Defaults to the service's own endpoint; tests point it at a local server. */
  baseUrl?: string;
  /** Per request: the upstream clients set none, but a hung connection must not hold a run forever. */
  timeoutMs?: number;
}
