/**
 * A local stand-in for Jina AI Reader (`GET /{url}` with the key as `Authorization`, `Accept: application/json`),
 * answering `{code, status, data: {title, description, url, content, publishedTime?}}` or an error status. The test
 * scripts each URL's page.
 */
import { sendJson, startLocalLlmServer, type LocalLlmServer, type RecordedRequest } from '../../providers/test/local-llm.helper';

export const FAKE_JINA_KEY = 'jina_FakeReaderKey0123456789abcdefghijklmnop';

export type JinaPage = { title: string; description: string; content: string; publishedTime?: string } | { status: number };

export interface FakeJina extends LocalLlmServer {
  /** The URLs read, in arrival order. */
  urls(): string[];
}

export async function startFakeJina(page: (url: string) => JinaPage): Promise<FakeJina> {
  const server = await startLocalLlmServer((req, res) => {
    if (req.headers.authorization !== FAKE_JINA_KEY) {
      sendJson(res, 401, { code: 401, name: 'AuthenticationRequiredError', message: 'Invalid API key' });
      return;
    }
    const url = urlOf(req);
    const scripted = page(url);
    if ('status' in scripted) {
      sendJson(res, scripted.status, { code: scripted.status, name: 'ScriptedError', message: `scripted ${scripted.status}` });
      return;
    }
    sendJson(res, 200, { code: 200, status: 20000, data: { ...scripted, url, usage: { tokens: 42 } } });
  });
  return Object.assign(server, { urls: () => server.requests.map(urlOf) });
}

function urlOf(req: RecordedRequest): string {
  return req.url.slice(1);
}
