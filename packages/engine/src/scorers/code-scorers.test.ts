import { configureSandbox } from '../sandbox';
import type { Sample } from '../types';
import { createHumanevalScorer, findCode } from './humaneval.scorer';
import { createMbppScorer, parseMbppResponse } from './mbpp.scorer';

describe('findCode (openbench humaneval find_code)', () => {
  it('takes the first ```python block, else the whole completion', () => {
    expect(findCode('a\n```python\nx = 1\n```\n```python\ny = 2\n```')).toBe('x = 1\n');
    expect(findCode('```py\nx = 1\n```')).toBe('```py\nx = 1\n```');
    expect(findCode('```python x = 1```')).toBe('```python x = 1```');
    expect(findCode('    return 1\n')).toBe('    return 1\n');
  });
});

describe('parseMbppResponse (openbench parse_mbpp_response)', () => {
  it('takes the stripped text between the first [BEGIN] and the next [DONE], else nothing', () => {
    expect(parseMbppResponse('[BEGIN]\n  def f(): pass \n[DONE] [BEGIN]x[DONE]')).toBe('def f(): pass');
    expect(parseMbppResponse('[BEGIN]\ndef f(): pass')).toBe('');
    expect(parseMbppResponse('')).toBe('');
    expect(parseMbppResponse('[BEGIN]\u00a0a\u2003[DONE]')).toBe('a');
  });
});

describe('code scorers on a host that cannot run code', () => {
  afterAll(() => configureSandbox());

  it('error the sample instead of scoring it 0', async () => {
    configureSandbox({ python: '/nonexistent/python3' });
    const sample: Sample = { id: 1, input: 'x', target: '', metadata: { prompt: '', test: '', entry_point: 'f', test_setup_code: '', tests: '' } };
    const ctx = { sample, completion: '[BEGIN]x[DONE]', messages: [] };
    await expect(createMbppScorer().score(ctx)).rejects.toThrow(/code sandbox unavailable/);
    await expect(createHumanevalScorer().score(ctx)).rejects.toThrow(/code sandbox unavailable/);
  });
});
