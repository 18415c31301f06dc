import { hfFileUrl } from '@studio/datasets';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastUserText } from '../../../test/fake-chat-model.server';
import { INSTRUCTION_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { getTask } from '../registry';

const URL = hfFileUrl('google/IFEval', 'default/train/0000.parquet', 'refs/convert/parquet');
const ROWS = readFileSync(join(INSTRUCTION_FIXTURES, 'ifeval-train.head.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { key: number; prompt: string; instruction_id_list: string[] });
const BANK = JSON.parse(readFileSync(join(__dirname, '../../../test/vectors/ifeval-responses.json'), 'utf8')) as string[];

/** What the model answers to each prompt; the verdicts below are openbench's checkers' on these answers. */
const ANSWERS: Record<number, string> = {
  1000: BANK[0],
  1001: BANK[7],
  1005: BANK[11],
  1012: BANK[12],
  // Strictly not lowercase (the first line), loosely yes (the first line removed).
  1019: 'Sure! Here it is:\nhope this message finds you well. every vote counts and it is our responsibility as citizens to make our voices heard.',
  102: BANK[4],
};

const binomialStderr = (p: number, n: number) => Math.sqrt((p * (1 - p)) / n);

describe('ifeval (google/IFEval train, first 6 prompts)', () => {
  const offline = offlineTaskRun(INSTRUCTION_FIXTURES, { [URL]: 'google-IFEval-default-train.parquet' }, (body) => {
    const row = ROWS.find((r) => r.prompt === lastUserText(body))!;
    return ANSWERS[row.key];
  });

  it('sends each prompt as it is and reports strict and loose accuracy at prompt and instruction level', async () => {
    const { result, records } = await offline.run(getTask('ifeval'));
    expect(result.status).toBe('success');

    const first = offline.server.bodies().find((b) => lastUserText(b).startsWith('Write a 300+ word summary'))!;
    expect(first.messages).toEqual([{ role: 'user', content: ROWS[0].prompt }]);
    expect(first).toMatchObject({ model: 'fake', temperature: 0 });
    expect(first.max_tokens ?? first.max_completion_tokens).toBe(2048);

    const byId = Object.fromEntries(records.map((r) => [r.sample_id, r]));
    expect(Object.keys(byId).sort()).toEqual(['1000', '1001', '1005', '1012', '1019', '102']);
    expect(byId['1000'].metadata).toEqual({
      instruction_id_list: ['punctuation:no_comma', 'detectable_format:number_highlighted_sections', 'length_constraints:number_words'],
      kwargs: [
        expect.objectContaining({ num_highlights: null, relation: null }),
        expect.objectContaining({ num_highlights: 3, relation: null }),
        expect.objectContaining({ relation: 'at least', num_words: 300, keywords: null }),
      ],
    });
    expect(byId['1000'].target).toBe('');
    const summary = byId['1000'].scores.ifeval_combined_scorer;
    expect(summary).toEqual({
      value: 0,
      answer: BANK[0],
      explanation:
        '[S:✓ L:✓] punctuation:no_comma\n[S:✓ L:✓] detectable_format:number_highlighted_sections\n[S:✗ L:✗] length_constraints:number_words',
      metadata: {
        strict_follow_instruction_list: [true, true, false],
        loose_follow_instruction_list: [true, true, false],
        instruction_id_list: ['punctuation:no_comma', 'detectable_format:number_highlighted_sections', 'length_constraints:number_words'],
      },
    });
    expect(byId['1019'].scores.ifeval_combined_scorer).toMatchObject({
      value: 0,
      explanation: '[S:✗ L:✓] change_case:english_lowercase',
    });
    for (const key of ['1001', '1005', '1012', '102']) expect(byId[key].scores.ifeval_combined_scorer.value).toBe(1);

    // Instructions: 9, of which 7 strictly and 8 loosely followed; prompts: 6, of which 4 strictly and 5 loosely.
    expect(result.results).toHaveLength(1);
    expect(result.results[0]).toMatchObject({ name: 'ifeval_combined_scorer', scorer: 'ifeval_combined_scorer', scored_samples: 6 });
    const metric = (value: number) => expect.objectContaining({ value: expect.closeTo(value, 15) });
    expect(result.results[0].metrics).toEqual({
      strict_instruction_accuracy: metric(7 / 9),
      strict_instruction_stderr: metric(binomialStderr(7 / 9, 9)),
      strict_prompt_accuracy: metric(4 / 6),
      strict_prompt_stderr: metric(binomialStderr(4 / 6, 6)),
      loose_instruction_accuracy: metric(8 / 9),
      loose_instruction_stderr: metric(binomialStderr(8 / 9, 9)),
      loose_prompt_accuracy: metric(5 / 6),
      loose_prompt_stderr: metric(binomialStderr(5 / 6, 6)),
    });
    expect(Object.keys(result.results[0].metrics)).toEqual([
      'strict_instruction_accuracy',
      'strict_instruction_stderr',
      'strict_prompt_accuracy',
      'strict_prompt_stderr',
      'loose_instruction_accuracy',
      'loose_instruction_stderr',
      'loose_prompt_accuracy',
      'loose_prompt_stderr',
    ]);
  });
});
