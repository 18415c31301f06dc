/**
 * Jina AI Reader as openbench's deep_research_bench reads cited pages (`JinaWebScraper.scrape_url`):
 * `GET {base}/{url}` with the raw key as `Authorization`, JSON wanted, Jina's own 60 s page timeout and generated
 * image alt texts. Every failure becomes an error result, never a throw, as upstream's `except Exception` does.
 */
import { SCORING_SERVICES } from '@studio/contracts';
import { createRedactor } from '@studio/providers';
import { fetchErrorText } from './fetch-error';
import type { ScoringServiceClientOptions } from './scoring-service.options';

export const JINA_DEFAULT_URL = SCORING_SERVICES.jina.default_url;

/** upstream's result dict: the page, or the error in place of its content. */
export type JinaScrapeResult =
  | { url: string; title: string; description: string; content: string; publish_time: string }
  | { url: string; content: ''; error: string };

export interface JinaClient {
  scrape(url: string, signal?: AbortSignal): Promise<JinaScrapeResult>;
}

export type JinaClientOptions = ScoringServiceClientOptions;

/** Jina itself gives up on a page after `X-Timeout` (60 s); this leaves it time to say so. */
const DEFAULT_TIMEOUT_MS = 90_000;

export function createJinaClient(options: JinaClientOptions): JinaClient {
  const { apiKey, baseUrl = JINA_DEFAULT_URL, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  const base = baseUrl.replace(/\/+$/, '');
  const headers = { Accept: 'application/json', Authorization: apiKey, 'X-Timeout': '60000', 'X-With-Generated-Alt': 'true' };
  // A server that echoes headers into an error must not put the key into a sample's metadata.
  const redact = createRedactor([apiKey]);
  return {
    async scrape(url, signal) {
      try {
        const timeout = AbortSignal.timeout(timeoutMs);
        const response = await fetch(`${base}/${url}`, { headers, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
        if (response.status !== 200) throw new Error(`Jina AI Reader Failed for ${url}: ${response.status}`);
        const data = pageData(JSON.parse(await response.text()));
        return {
          url: field(data, 'url'),
          title: field(data, 'title'),
          description: field(data, 'description'),
          content: field(data, 'content'),
          publish_time: 'publishedTime' in data ? (data.publishedTime as string) : 'unknown',
        };
      } catch (err) {
        if (signal?.aborted) throw err;
        return { url, content: '', error: redact(fetchErrorText(err)) };
      }
    },
  };
}

function pageData(body: unknown): Record<string, unknown> {
  const data = (body as { data?: unknown } | null)?.data;
  // Python's KeyError text for `response_dict["data"]`.
  if (data === undefined) throw new Error("'data'");
  return data as Record<string, unknown>;
}

function field(data: Record<string, unknown>, key: string): string {
  if (!(key in data)) throw new Error(`'${key}'`);
  return data[key] as string;
}
