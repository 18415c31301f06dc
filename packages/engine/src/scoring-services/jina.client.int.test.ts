import { FAKE_JINA_KEY, startFakeJina, type FakeJina } from '../../test/fake-jina.server';
import { createJinaClient } from './jina.client';

describe('Jina reader client (openbench JinaWebScraper.scrape_url)', () => {
  let jina: FakeJina;
  beforeAll(async () => {
    jina = await startFakeJina((url) => {
      if (url.includes('missing')) return { status: 404 };
      if (url.includes('undated')) return { title: 'Undated', description: 'd', content: 'body' };
      return { title: 'Report', description: 'About it', content: 'The body.', publishedTime: '2025-01-02' };
    });
  });
  afterAll(() => jina.close());

  it('GETs {base}/{url} with upstream’s headers and maps the page', async () => {
    const client = createJinaClient({ apiKey: FAKE_JINA_KEY, baseUrl: `${jina.url}/` });
    expect(await client.scrape('https://example.org/a?b=1')).toEqual({
      url: 'https://example.org/a?b=1',
      title: 'Report',
      description: 'About it',
      content: 'The body.',
      publish_time: '2025-01-02',
    });
    const req = jina.requests.at(-1)!;
    expect([req.method, req.url]).toEqual(['GET', '/https://example.org/a?b=1']);
    expect(req.headers).toMatchObject({ accept: 'application/json', authorization: FAKE_JINA_KEY, 'x-timeout': '60000', 'x-with-generated-alt': 'true' });
    expect(await client.scrape('https://example.org/undated')).toMatchObject({ publish_time: 'unknown' });
  });

  it('returns upstream’s error result for a non-200 reply, a bad key and an unreachable server, never throwing', async () => {
    const client = createJinaClient({ apiKey: FAKE_JINA_KEY, baseUrl: jina.url });
    expect(await client.scrape('https://example.org/missing')).toEqual({ url: 'https://example.org/missing', content: '', error: 'Jina AI Reader Failed for https://example.org/missing: 404' });
    const wrongKey = createJinaClient({ apiKey: 'jina_wrong', baseUrl: jina.url });
    expect(await wrongKey.scrape('https://example.org/x')).toEqual({ url: 'https://example.org/x', content: '', error: 'Jina AI Reader Failed for https://example.org/x: 401' });
    const down = createJinaClient({ apiKey: FAKE_JINA_KEY, baseUrl: 'http://127.0.0.1:2' });
    const result = await down.scrape('https://example.org/x');
    expect(result).toMatchObject({ url: 'https://example.org/x', content: '' });
    expect('error' in result && result.error).toMatch(/^fetch failed: connect ECONNREFUSED/);
  });
});
