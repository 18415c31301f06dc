import { describe, expect, it } from 'vitest';
import { ApiError, errorMessage, fieldError, toApiError } from './errors';

describe('API errors', () => {
  it('keeps the server detail and code', () => {
    const e = toApiError(404, { detail: 'Run not found', code: 'RUN_NOT_FOUND' });
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 404, code: 'RUN_NOT_FOUND', message: 'Run not found' });
    expect(errorMessage(e)).toBe('Run not found');
  });
  it('lists the fields of a validation error, and finds one', () => {
    const e = toApiError(422, { detail: 'Invalid request', code: 'VALIDATION_ERROR', fields: [{ field: 'body.temperature', message: 'must be at most 2' }] });
    expect(errorMessage(e)).toBe('Invalid request: body.temperature: must be at most 2');
    expect(fieldError(e, 'temperature')).toBe('must be at most 2');
    expect(fieldError(e, 'top_p')).toBeUndefined();
  });
  it("finds a field's error under a prefix and a member's error as the field's", () => {
    const e = toApiError(422, {
      detail: 'x',
      code: 'VALIDATION_ERROR',
      fields: [
        { field: 'template.task_args.splt', message: 'gsm8k does not accept task argument(s) splt; it accepts split' },
        { field: 'pairs[openai/gpt-4.1 × mmlu].model', message: 'needs a key' },
      ],
    });
    expect(fieldError(e, 'task_args')).toBe('gsm8k does not accept task argument(s) splt; it accepts split');
    expect(fieldError(e, 'model')).toBe('needs a key');
    expect(fieldError(e, 'task')).toBeUndefined();
    expect(fieldError(e, 'args')).toBeUndefined();
  });
  it('explains a proxy error page or an empty answer in words', () => {
    expect(errorMessage(toApiError(502, '<html>Bad Gateway</html>'))).toBe('The Studio API is not answering (HTTP 502). Is the gateway running?');
    expect(errorMessage(toApiError(418, undefined))).toBe('The Studio API answered HTTP 418 without an explanation.');
  });
  it('never shows a blank message', () => {
    expect(errorMessage(new TypeError('Failed to fetch'))).toMatch(/Cannot reach the Studio API/);
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage(null)).toBe('Something went wrong.');
  });
});
