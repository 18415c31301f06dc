/**
 * A local stand-in for Google's Perspective API (commentanalyzer v1alpha1), speaking its wire protocol:
 * `POST /v1alpha1/comments:analyze?key=<key>&alt=json` with an `AnalyzeCommentRequest` body, answered with an
 * `AnalyzeCommentResponse` (`attributeScores.TOXICITY.summaryScore.value`, `spanScores`, `languages`) or Google's
 * error shape. The test scripts each text's toxicity, or an error status.
 */
import { sendJson, startLocalLlmServer, type LocalLlmServer, type RecordedRequest } from '../../providers/test/local-llm.helper';

export const FAKE_PERSPECTIVE_KEY = 'AIzaFakePerspectiveKey0123456789abcdefgh';

/** A toxicity for the text, or an HTTP error status to answer with. */
export type PerspectiveAnswer = number | { status: number };

export interface FakePerspective extends LocalLlmServer {
  /** Analyze requests, in arrival order. */
  analyzeRequests(): RecordedRequest[];
  /** Their parsed bodies. */
  bodies(): unknown[];
}

export async function startFakePerspective(answer: (text: string, language: string) => PerspectiveAnswer): Promise<FakePerspective> {
  const server = await startLocalLlmServer((req, res) => {
    const url = new URL(req.url, 'http://fake');
    if (req.method !== 'POST' || url.pathname !== '/v1alpha1/comments:analyze') {
      sendJson(res, 404, { error: { code: 404, message: `no route ${req.url}`, status: 'NOT_FOUND' } });
      return;
    }
    if (url.searchParams.get('key') !== FAKE_PERSPECTIVE_KEY) {
      sendJson(res, 400, { error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT' } });
      return;
    }
    const body = JSON.parse(req.body) as { comment: { text: string }; languages: string[] };
    const language = body.languages[0];
    const scripted = answer(body.comment.text, language);
    if (typeof scripted !== 'number') {
      sendJson(res, scripted.status, { error: { code: scripted.status, message: `scripted error ${scripted.status}`, status: 'RESOURCE_EXHAUSTED' } });
      return;
    }
    const score = { value: scripted, type: 'PROBABILITY' };
    sendJson(res, 200, {
      attributeScores: { TOXICITY: { spanScores: [{ begin: 0, end: body.comment.text.length, score }], summaryScore: score } },
      languages: [language],
      detectedLanguages: [language],
    });
  });
  const analyze = () => server.requests.filter((r) => r.url.startsWith('/v1alpha1/comments:analyze'));
  return Object.assign(server, { analyzeRequests: analyze, bodies: () => analyze().map((r) => JSON.parse(r.body) as unknown) });
}
