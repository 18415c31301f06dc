import { hfFileUrl } from '@studio/datasets';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastUserText, type ChatRequestBody } from '../../../test/fake-chat-model.server';
import { CODE_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { getTask } from '../registry';

const URL = hfFileUrl('openai/openai_humaneval', 'openai_humaneval/test/0000.parquet', 'refs/convert/parquet');
const ROWS = readFileSync(join(CODE_FIXTURES, 'humaneval-test.head.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { task_id: string; prompt: string; canonical_solution: string; test: string; entry_point: string });

const INSTRUCTION =
  'Read the following function signature and docstring, and fully implement\n    the function described. Your response should only contain the code for\n    this function.';

/** Which row a request is for, and how many requests that row has had (epochs run concurrently, in any order). */
const calls = new Map<string, number>();
function nthCall(body: ChatRequestBody): { row: number; n: number } {
  const prompt = lastUserText(body);
  const row = ROWS.findIndex((r) => prompt === INSTRUCTION + r.prompt);
  const n = (calls.get(ROWS[row].task_id) ?? 0) + 1;
  calls.set(ROWS[row].task_id, n);
  return { row, n };
}

/** numpy `std(ddof=1) / sqrt(n)`. */
function stderrOf(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
  return Math.sqrt(variance) / Math.sqrt(values.length);
}

/** Chen et al.'s unbiased pass@k, 1 - C(n-c, k) / C(n, k), by direct binomials. */
function passAt(k: number, n: number, c: number): number {
  const choose = (a: number, b: number): number => (b > a ? 0 : b === 0 ? 1 : (choose(a - 1, b - 1) * a) / b);
  return 1 - choose(n - c, k) / choose(n, k);
}

describe('humaneval (openai_humaneval test, HumanEval/0-2), 5 epochs, code run in the sandbox', () => {
  // HumanEval/0: right in a ```python block on 2 of 5 epochs; HumanEval/1: the bare body, always right;
  // HumanEval/2: an endless loop once (timed out), a wrong body otherwise.
  const offline = offlineTaskRun(CODE_FIXTURES, { [URL]: 'openai_humaneval-test.parquet' }, (body) => {
    const { row, n } = nthCall(body);
    if (row === 0) return n <= 2 ? `Here it is:\n\`\`\`python\n${ROWS[0].canonical_solution}\`\`\`\nDone.` : '```python\n    return None\n```';
    if (row === 1) return ROWS[1].canonical_solution;
    return n === 1 ? '```python\n    while True:\n        pass\n```' : '    return number\n';
  });

  it('sends the instruction glued to the prompt at temperature 0.5 and reduces with mean and pass@1/2/5', async () => {
    const { result, records } = await offline.run(getTask('humaneval'));
    expect(result.status).toBe('success');

    const bodies = offline.server.bodies();
    expect(bodies).toHaveLength(15);
    expect(bodies[0].messages).toHaveLength(1);
    const first = bodies.find((b) => lastUserText(b).includes('has_close_elements'))!;
    expect(first.messages).toEqual([{ role: 'user', content: INSTRUCTION + ROWS[0].prompt }]);
    expect(first.messages[0].content.startsWith('Read the following function signature and docstring, and fully implement\n    the function described. Your response should only contain the code for\n    this function.from typing import List\n\n\ndef has_close_elements(')).toBe(true);
    expect(first).toMatchObject({ model: 'fake', temperature: 0.5 });

    const of = (id: string) => records.filter((r) => r.sample_id === id);
    expect(records).toHaveLength(15);
    expect(of('HumanEval/0').map((r) => r.scores.verify.value).sort()).toEqual(['C', 'C', 'I', 'I', 'I']);
    expect(of('HumanEval/1').map((r) => r.scores.verify.value)).toEqual(['C', 'C', 'C', 'C', 'C']);
    expect(of('HumanEval/2').map((r) => r.scores.verify.value)).toEqual(['I', 'I', 'I', 'I', 'I']);

    const right = of('HumanEval/0').find((r) => r.scores.verify.value === 'C')!;
    expect(right.target).toBe(ROWS[0].canonical_solution);
    expect(right.metadata).toEqual({ prompt: ROWS[0].prompt, test: ROWS[0].test, entry_point: 'has_close_elements' });
    expect(right.scores.verify.answer).toBe(ROWS[0].canonical_solution);
    expect(right.scores.verify.explanation).toBe(
      'The following verification code was executed:\n\n```python\n\n' +
        `${ROWS[0].prompt}${ROWS[0].canonical_solution}\n${ROWS[0].test}\ncheck(has_close_elements)` +
        '\n```',
    );
    expect(right.scores.verify.metadata).toEqual({ sandbox: 'bwrap' });

    const wrong = of('HumanEval/0').find((r) => r.scores.verify.value === 'I')!;
    expect(wrong.scores.verify.answer).toBe('    return None\n');
    expect(wrong.scores.verify.explanation).toMatch(/\n```\nThe submission was incorrect\n\nTraceback \(most recent call last\):\n[\s\S]*AssertionError\n$/);

    const looped = of('HumanEval/2').find((r) => r.scores.verify.answer?.includes('while True'))!;
    expect(looped.scores.verify.explanation?.endsWith('\n```\nThe submission was incorrect\n\nVerification timed out.')).toBe(true);

    // Per sample (n = 5): c = 2, 5, 0.
    const perSample = (k: number) => [passAt(k, 5, 2), passAt(k, 5, 5), passAt(k, 5, 0)];
    const expected = { mean: [0.4, 1, 0], pass_at_1: perSample(1), pass_at_2: perSample(2), pass_at_5: perSample(5) };
    expect(expected.pass_at_2).toEqual([0.7, 1, 0]);
    expect(expected.pass_at_5).toEqual([1, 1, 0]);
    expect(result.results.map((r) => r.reducer)).toEqual(['mean', 'pass_at_1', 'pass_at_2', 'pass_at_5']);
    for (const entry of result.results) {
      const values = expected[entry.reducer as keyof typeof expected];
      expect(entry).toMatchObject({ name: 'verify', scorer: 'verify', scored_samples: 3, unscored_samples: 0 });
      expect(entry.metrics.accuracy.value).toBeCloseTo(values.reduce((a, b) => a + b, 0) / 3, 15);
      expect(entry.metrics.stderr.value).toBeCloseTo(stderrOf(values), 15);
    }
  });
});
