import type { ScoringService } from '@studio/contracts';
import type { ScoringServices } from '../types';
import { createJinaClient } from './jina.client';
import { createPerspectiveClient } from './perspective.client';
import type { ScoringServiceClientOptions } from './scoring-service.options';

/** How each owner-keyed service's client is built: one row per `SCORING_SERVICES` entry. */
const CLIENTS: { [S in ScoringService]: (options: ScoringServiceClientOptions) => NonNullable<ScoringServices[S]> } = {
  perspective: createPerspectiveClient,
  jina: createJinaClient,
};

/** `{ [service]: client }` with the owner's key at the host's endpoint for it, ready to merge into `ScoringServices`. */
export function scoringServiceClient(service: ScoringService, options: { apiKey: string; baseUrl: string }): ScoringServices {
  return { [service]: CLIENTS[service](options) };
}
