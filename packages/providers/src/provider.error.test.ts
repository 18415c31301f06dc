import { extractErrorDetail } from './http.transport';
import { redact } from './secret.redactor';
import { ProviderError, errorFromStatus, isFatalProviderError, isProviderError, networkError } from './provider.error';

const status = (code: number, detail = 'boom', extra: { code?: string } = {}): ProviderError =>
  errorFromStatus({ provider: 'openai', model: 'gpt-4o', status: code, detail, ...extra });

describe('errorFromStatus', () => {
  it.each([
    [401, 'auth', false, true],
    [403, 'forbidden', false, true],
    [404, 'not_found', false, true],
    [400, 'bad_request', false, true],
    [422, 'bad_request', false, true],
    [408, 'timeout', true, false],
    [429, 'rate_limit', true, false],
    [500, 'server', true, false],
    [529, 'server', true, false],
  ])('HTTP %i is %s (retryable %s, fatal %s)', (code, kind, retryable, fatal) => {
    const e = status(code);
    expect(e).toMatchObject({ kind, retryable, fatal, status: code, provider: 'openai' });
    expect(e.message).toContain(`HTTP ${code}`);
    expect(e.message).toContain('boom');
    expect(e.message.startsWith('openai: ')).toBe(true);
  });

  it('words a 401 as an invalid API key and a 404 with the model', () => {
    expect(status(401).message).toContain('invalid API key');
    expect(status(404).message).toContain('"gpt-4o"');
  });

  it('does not retry an exhausted quota', () => {
    expect(status(429, 'x', { code: 'insufficient_quota' })).toMatchObject({ retryable: false, fatal: true });
    expect(status(429, 'You exceeded your current quota, please check your plan')).toMatchObject({ retryable: false, fatal: true });
  });

  it("retries Google's RESOURCE_EXHAUSTED unless the quota's limit is 0, as Inspect does", () => {
    const perMinute = 'You exceeded your current quota, please check your plan and billing details. * Quota exceeded for metric: generate_content_free_tier_requests, limit: 10, model: gemini-2.5-pro';
    expect(status(429, perMinute, { code: 'RESOURCE_EXHAUSTED' })).toMatchObject({ kind: 'rate_limit', retryable: true, fatal: false });
    expect(status(429, perMinute.replace('limit: 10', 'limit: 0'), { code: 'RESOURCE_EXHAUSTED' })).toMatchObject({ retryable: false, fatal: true });
  });
});

describe('isFatalProviderError', () => {
  it('checks by name and fields, so copies of the class from another bundle count', () => {
    const foreign = Object.assign(new Error('x'), { name: 'ProviderError', kind: 'auth', fatal: true });
    expect(isFatalProviderError(foreign)).toBe(true);
    expect(isFatalProviderError({ name: 'ProviderError', kind: 'not_found' })).toBe(true);
    expect(isFatalProviderError({ name: 'ProviderError', kind: 'server' })).toBe(false);
  });

  it('is false for retryable, aborted and foreign errors', () => {
    expect(isFatalProviderError(status(503))).toBe(false);
    expect(isFatalProviderError(new ProviderError({ kind: 'aborted', provider: 'x', message: 'x' }))).toBe(false);
    expect(isFatalProviderError(new Error('auth'))).toBe(false);
    expect(isFatalProviderError(null)).toBe(false);
    expect(isProviderError({ name: 'ProviderError' })).toBe(false);
  });
});

describe('networkError', () => {
  it('classifies socket-level failures as retryable network errors', () => {
    const e = networkError('groq', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }));
    expect(e).toMatchObject({ kind: 'network', retryable: true, fatal: false });
    expect(e?.message).toContain('ECONNREFUSED');
  });

  it('leaves other errors alone', () => {
    expect(networkError('groq', new TypeError('bug'))).toBeUndefined();
  });
});

describe('redact', () => {
  it('removes the exact secret and key-shaped tokens', () => {
    expect(redact('bad key my-secret-value here', ['my-secret-value'])).toBe('bad key [redacted] here');
    expect(redact('Incorrect API key provided: sk-proj-abc1********************wxyz.', [])).toBe('Incorrect API key provided: [redacted].');
    expect(redact('key AIzaSyA1234567890abcdefghij invalid', [])).toBe('key [redacted] invalid');
  });
});

describe('extractErrorDetail', () => {
  it('reads OpenAI, Anthropic and Google error bodies', () => {
    expect(extractErrorDetail('{"error":{"message":"m1","type":"invalid_request_error","code":"insufficient_quota"}}')).toEqual({ message: 'm1', code: 'insufficient_quota' });
    expect(extractErrorDetail('{"type":"error","error":{"type":"overloaded_error","message":"m2"}}')).toEqual({ message: 'm2', code: 'overloaded_error' });
    expect(extractErrorDetail('[{"error":{"code":400,"message":"m3","status":"INVALID_ARGUMENT"}}]')).toEqual({ message: 'm3', code: 'INVALID_ARGUMENT' });
  });

  it("reads the wait from Google's RetryInfo detail", () => {
    const body = (retryDelay: string): string => JSON.stringify({
      error: { code: 429, message: 'm6', status: 'RESOURCE_EXHAUSTED', details: [{ '@type': 'type.googleapis.com/google.rpc.QuotaFailure' }, { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay }] },
    });
    expect(extractErrorDetail(body('34s'))).toEqual({ message: 'm6', code: 'RESOURCE_EXHAUSTED', retryAfterMs: 34_000 });
    expect(extractErrorDetail(body('0.2505s')).retryAfterMs).toBe(251);
    expect(extractErrorDetail(body('soon')).retryAfterMs).toBeUndefined();
  });

  it('falls back to detail fields and raw text', () => {
    expect(extractErrorDetail('{"detail":"m4"}')).toEqual({ message: 'm4', code: undefined });
    expect(extractErrorDetail('{"error":"m5"}')).toEqual({ message: 'm5' });
    expect(extractErrorDetail(' Bad Gateway ')).toEqual({ message: 'Bad Gateway' });
  });
});
