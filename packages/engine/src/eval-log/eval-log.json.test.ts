import { parseInspectJson, stringifyInspectJson } from './eval-log.json';

describe('stringifyInspectJson', () => {
  it('writes plain values as JSON.stringify does with an indent of 2, leaving undefined properties out', () => {
    const value = { a: 1, b: [true, null, 'x'], c: undefined, d: { e: -0.5 } };
    expect(stringifyInspectJson(value)).toBe(JSON.stringify(value, null, 2));
  });

  it('writes non-finite numbers as bare tokens, however deep and in arrays', () => {
    const text = stringifyInspectJson({ scores: [{ value: Number.NaN }, { value: 1 }], inner: { up: Infinity, down: [-Infinity] } });
    expect(text).toMatch(/"value": NaN,?\n/);
    expect(text).toMatch(/"up": Infinity/);
    expect(text).toMatch(/-Infinity\n/);
    expect(parseInspectJson(text)).toEqual({ scores: [{ value: Number.NaN }, { value: 1 }], inner: { up: Infinity, down: [-Infinity] } });
  });

  it('writes a non-finite number that toJSON returns as a token', () => {
    const value = { at: new Date('2026-01-01T00:00:00Z'), odd: { toJSON: () => Number.NaN } };
    expect(stringifyInspectJson(value)).toBe('{\n  "at": "2026-01-01T00:00:00.000Z",\n  "odd": NaN\n}');
  });
});
