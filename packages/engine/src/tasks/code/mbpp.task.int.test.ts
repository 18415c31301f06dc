import { hfFileUrl } from '@studio/datasets';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastUserText } from '../../../test/fake-chat-model.server';
import { CODE_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { getTask } from '../registry';

const parquet = (config: string) => hfFileUrl('google-research-datasets/mbpp', `${config}/test/0000.parquet`, 'refs/convert/parquet');
const FULL = readFileSync(join(CODE_FIXTURES, 'mbpp-full-test.slice.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { task_id: number; text: string; code: string; test_list: string[]; challenge_test_list: string[] });
const [REMOVE_OCC, SORT_MATRIX, BALANCED] = FULL;

/** numpy `std(ddof=1) / sqrt(n)`. */
function stderrOf(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1)) / Math.sqrt(values.length);
}

describe('mbpp (google-research-datasets/mbpp full/test, tasks 11, 12, 367), 5 epochs', () => {
  // Task 11: its own code between the tags on 3 of 5 epochs, a wrong body otherwise. Task 12: code without the tags
  // (parsed as nothing). Task 367: its own code, which still fails: upstream joins the setup code's characters
  // with newlines, a syntax error.
  let removeOccCalls = 0;
  const offline = offlineTaskRun(
    CODE_FIXTURES,
    { [parquet('full')]: 'mbpp-full-test.parquet', [parquet('sanitized')]: 'mbpp-sanitized-test.parquet' },
    (body) => {
      const prompt = lastUserText(body);
      if (prompt.includes('remove first and last occurrence')) {
        removeOccCalls += 1;
        return removeOccCalls <= 3 ? `Sure.\n[BEGIN]\n${REMOVE_OCC.code}\n[DONE]\n` : '[BEGIN]\ndef remove_Occ(s, ch):\n    return s\n[DONE]';
      }
      if (prompt.includes('sort a given matrix')) return SORT_MATRIX.code;
      return `[BEGIN]${BALANCED.code}[DONE]`;
    },
  );

  it('sends the [BEGIN]/[DONE] prompt with every assert and scores with the mean over epochs', async () => {
    const { result, records } = await offline.run(getTask('mbpp'));
    expect(result.status).toBe('success');

    const first = offline.server.bodies().find((b) => lastUserText(b).includes('remove first and last occurrence'))!;
    expect(first).toMatchObject({ model: 'fake', temperature: 0.5 });
    expect(first.messages).toEqual([
      {
        role: 'user',
        content:
          'You are an expert Python programmer, and here is your task: Write a python function to remove first and last occurrence of a given character from the string. \n' +
          'Your code should pass these tests:\n\n\n' +
          'assert remove_Occ("hello","l") == "heo"\nassert remove_Occ("abcda","a") == "bcd"\nassert remove_Occ("PHP","P") == "H"\n' +
          'assert remove_Occ("hellolloll","l") == "helollol"\nassert remove_Occ("","l") == ""\n\n' +
          'Return your code in the following format, include [BEGIN] and [DONE] tags:\n[BEGIN]\n' +
          '<ONLY include your code here, no commentary, no imports, no tests>\n[DONE]',
      },
    ]);

    expect(records).toHaveLength(15);
    const of = (id: number) => records.filter((r) => r.sample_id === id);
    expect(of(11).map((r) => r.scores.verify.value).sort()).toEqual([0, 0, 1, 1, 1]);
    expect(of(12).map((r) => r.scores.verify.value)).toEqual([0, 0, 0, 0, 0]);
    expect(of(367).map((r) => r.scores.verify.value)).toEqual([0, 0, 0, 0, 0]);

    const right = of(11).find((r) => r.scores.verify.value === 1)!;
    expect(right.target).toBe(REMOVE_OCC.code);
    const tests = '\n' + [...REMOVE_OCC.test_list, ...REMOVE_OCC.challenge_test_list].join('\n');
    expect(right.metadata).toEqual({ test_setup_code: '', tests, source_file: 'Unknown', task_id: 11 });
    expect(right.scores.verify.answer).toBe(REMOVE_OCC.code.trim());
    expect(right.scores.verify.explanation).toBe(
      `The following verification code was executed:\n\`\`\`python\n\n${REMOVE_OCC.code.trim()}\n${tests}\n\`\`\`\n\n`,
    );

    const untagged = of(12)[0].scores.verify;
    expect(untagged.answer).toBe('');
    expect(untagged.explanation).toContain("NameError: name 'sort_matrix' is not defined");

    const balanced = of(367)[0];
    expect((balanced.metadata.test_setup_code as string).startsWith('r\no\no\nt\n \n=\n \nN\no\nd\ne\n(\n1\n)')).toBe(true);
    expect(balanced.scores.verify.explanation).toContain('SyntaxError: invalid syntax');

    expect(result.results).toEqual([
      {
        name: 'verify',
        scorer: 'verify',
        reducer: 'mean',
        scored_samples: 3,
        unscored_samples: 0,
        metrics: {
          accuracy: { name: 'accuracy', value: expect.closeTo(0.6 / 3, 15) },
          stderr: { name: 'stderr', value: expect.closeTo(stderrOf([0.6, 0, 0]), 15) },
        },
      },
    ]);
  });

  it('reads the sanitized subset: prompt, test_imports as setup code and the source file', async () => {
    const samples = await getTask('mbpp', { args: { subset: 'sanitized' } }).dataset.load(offline.ctx);
    expect(samples.map((s) => s.id)).toEqual([11, 82]);
    expect(samples[1].metadata).toMatchObject({ test_setup_code: 'import math', source_file: "Mike's Copy of Benchmark Questions Verification V2.ipynb", task_id: 82 });
    expect(String(samples[1].input).startsWith('You are an expert Python programmer, and here is your task: Write a function to find the volume of a sphere. \n')).toBe(true);
  });

  it('refuses an unknown subset as upstream does', () => {
    expect(() => getTask('mbpp', { args: { subset: 'tiny' } })).toThrow("Invalid subset 'tiny'. Available subsets are 'full' or 'sanitized'.");
  });
});
