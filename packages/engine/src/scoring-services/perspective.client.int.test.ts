import { FAKE_PERSPECTIVE_KEY, startFakePerspective, type FakePerspective } from '../../test/fake-perspective.server';
import { createPerspectiveClient, PerspectiveHttpError } from './perspective.client';

const REQUEST = { comment: { text: 'hello' }, requestedAttributes: { TOXICITY: {} }, languages: ['en'] };

describe('Perspective client (commentanalyzer v1alpha1)', () => {
  let perspective: FakePerspective;
  beforeAll(async () => {
    perspective = await startFakePerspective(() => 0.25);
  });
  afterAll(() => perspective.close());

  it('POSTs the request with the key in the URL, as googleapiclient does, and returns the reply', async () => {
    const client = createPerspectiveClient({ apiKey: FAKE_PERSPECTIVE_KEY, baseUrl: `${perspective.url}/` });
    expect(await client.analyze(REQUEST)).toMatchObject({ attributeScores: { TOXICITY: { summaryScore: { value: 0.25 } } } });
    expect(perspective.bodies().at(-1)).toEqual(REQUEST);
  });

  it("names Google's reason for an error reply", async () => {
    const wrong = createPerspectiveClient({ apiKey: 'AIzaWrongKey', baseUrl: perspective.url });
    const err = await wrong.analyze(REQUEST).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PerspectiveHttpError);
    expect(err).toMatchObject({ status: 400, message: 'HTTP 400: API key not valid. Please pass a valid API key.' });
  });

  it("keeps fetch's cause of a network failure (its errors come from another realm under jest), without the key", async () => {
    // Not the fake server's key, which holds the word "Perspective": the redactor would mask it in the message.
    const key = 'AIzaSyDownKey-0123456789abcdefghijklm';
    const down = createPerspectiveClient({ apiKey: key, baseUrl: 'http://127.0.0.1:2' });
    const err = (await down.analyze(REQUEST).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/^Perspective API request failed: fetch failed: connect ECONNREFUSED 127\.0\.0\.1:2$/);
    expect(err.message).not.toContain(key);
  });
});
