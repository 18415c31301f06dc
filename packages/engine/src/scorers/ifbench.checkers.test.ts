/** How IFBench checkers are built from kwargs; the verdicts themselves are in ifbench-vectors.test.ts. */
import { ifbenchChecker } from './ifbench.checkers';
import { createIfbenchScorer } from './ifbench.scorer';

describe('ifbenchChecker', () => {
  it('drops null kwargs and refuses a key build_description does not take, as Python raises TypeError', () => {
    expect(ifbenchChecker('format:emoji', { N: null, percentage: null })).not.toBeNull();
    expect(() => ifbenchChecker('format:emoji', { N: 3 })).toThrow(TypeError);
    // custom:* checkers take **kwargs
    expect(ifbenchChecker('custom:multiples', { N: 3 })!.check('14, 21, 28, 35, 42, 49')).toBe(true);
  });

  it('raises where upstream would draw a random value instead of guessing one', () => {
    expect(() => ifbenchChecker('count:numbers', {})).toThrow(/random/);
    expect(() => ifbenchChecker('words:keywords_specific_position', { keyword: 'x', n: 0, m: 3 })).toThrow(/random/);
    expect(() => ifbenchChecker('sentence:keyword', { word: '', N: 1 })).toThrow(/random/);
  });

  it('keeps repeat_span’s n_start of 0 (upstream redraws it at random)', () => {
    const checker = ifbenchChecker('repeat:repeat_span', { prompt_to_repeat: 'One two three four', n_start: 0, n_end: 2 })!;
    expect(checker.check(' one  TWO ')).toBe(true);
    expect(checker.check('two three')).toBe(false);
  });

  it('is null for an id the registry lacks', () => {
    expect(ifbenchChecker('count:nothing', {})).toBeNull();
  });
});

test('an unknown instruction id scores 0 without per-instruction metadata, as openbench’s scorer', async () => {
  const score = await createIfbenchScorer().score({
    sample: { id: '1', input: '', target: '', metadata: { instruction_id_list: ['format:emoji', 'count:nothing'], kwargs: [{}, {}] } },
    completion: 'Hi 😀.',
    messages: [],
  });
  expect(score).toEqual({ value: 0, explanation: 'Unknown instruction id: count:nothing' });
});
