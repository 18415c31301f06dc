import { hfFileUrl } from '@studio/datasets';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastUserText } from '../../../test/fake-chat-model.server';
import { INSTRUCTION_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { getTask } from '../registry';

const URL = hfFileUrl('allenai/IFBench_test', 'default/train/0000.parquet', 'refs/convert/parquet');
const ROWS = readFileSync(join(INSTRUCTION_FIXTURES, 'ifbench-test.slice.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { key: string; prompt: string; instruction_id_list: string[] });
const BANK = JSON.parse(readFileSync(join(__dirname, '../../../test/vectors/ifbench-responses.json'), 'utf8')) as string[];

/**
 * What the model answers to each prompt. The verdicts below are openbench's checkers' on these answers
 * (test/vectors/ifbench-verdicts.jsonl, the rows with these keys and bank responses).
 */
const ANSWERS: Record<string, string> = {
  '0': BANK[68], // each keyword its exact number of times
  '65': BANK[5], // an emoji ends every sentence
  '133': BANK[0], // no "*" at all (sub-bullets vacuously), too many stop words
  '215': BANK[18], // "Maybe.": a consonant cluster, one word so nothing to alternate
  '257': BANK[59], // starts with "Sure" (not a verb); loosely the first line goes and "Include" is a verb
};

const binomialStderr = (p: number, n: number) => Math.sqrt((p * (1 - p)) / n);

describe('ifbench (allenai/IFBench_test train, five prompts)', () => {
  const offline = offlineTaskRun(INSTRUCTION_FIXTURES, { [URL]: 'allenai-IFBench_test-default-train.parquet' }, (body) => {
    const row = ROWS.find((r) => r.prompt === lastUserText(body))!;
    return ANSWERS[row.key];
  });

  it('sends each prompt as it is and reports strict and loose accuracy at prompt and instruction level', async () => {
    const { result, records } = await offline.run(getTask('ifbench'));
    expect(result.status).toBe('success');

    const first = offline.server.bodies().find((b) => lastUserText(b) === ROWS[0].prompt)!;
    expect(first.messages).toEqual([{ role: 'user', content: ROWS[0].prompt }]);
    expect(first.messages[0].content).toMatch(/^What should the world's smartest man, surrounded by corruption/);
    expect(first.model).toBe('fake');
    // The task sets no generation config.
    expect(first.temperature).toBeUndefined();
    expect(first.max_tokens ?? first.max_completion_tokens).toBeUndefined();

    const byId = Object.fromEntries(records.map((r) => [r.sample_id, r]));
    expect(Object.keys(byId).sort()).toEqual(['0', '133', '215', '257', '65']);
    expect(byId['0'].metadata).toEqual({
      instruction_id_list: ['count:keywords_multiple'],
      kwargs: [{ keyword1: 'kaleidoscope', keyword2: 'nebula', keyword3: 'whisper', keyword4: 'labyrinth', keyword5: 'paradox' }],
    });
    expect(byId['133'].metadata?.kwargs).toEqual([{}, { percentage: 27 }]);
    expect(byId['133'].scores.ifbench_scorer).toEqual({
      value: 0,
      answer: BANK[0],
      explanation: '[S:✓ L:✓] format:sub-bullets\n[S:✗ L:✗] ratio:stop_words',
      metadata: {
        strict_follow_instruction_list: [true, false],
        loose_follow_instruction_list: [true, false],
        instruction_id_list: ['format:sub-bullets', 'ratio:stop_words'],
      },
    });
    expect(byId['257'].scores.ifbench_scorer).toMatchObject({ value: 0, explanation: '[S:✗ L:✓] words:start_verb' });
    expect(byId['215'].scores.ifbench_scorer).toMatchObject({ value: 1, explanation: '[S:✓ L:✓] words:consonants\n[S:✓ L:✓] words:odd_even_syllables' });
    for (const key of ['0', '65']) expect(byId[key].scores.ifbench_scorer.value).toBe(1);

    // Instructions: 7, of which 5 strictly and 6 loosely followed; prompts: 5, of which 3 strictly and 4 loosely.
    expect(result.results).toHaveLength(1);
    expect(result.results[0]).toMatchObject({ name: 'ifbench_scorer', scorer: 'ifbench_scorer', scored_samples: 5 });
    const metric = (value: number) => expect.objectContaining({ value: expect.closeTo(value, 15) });
    expect(result.results[0].metrics).toEqual({
      strict_instruction_accuracy: metric(5 / 7),
      strict_instruction_stderr: metric(binomialStderr(5 / 7, 7)),
      strict_prompt_accuracy: metric(3 / 5),
      strict_prompt_stderr: metric(binomialStderr(3 / 5, 5)),
      loose_instruction_accuracy: metric(6 / 7),
      loose_instruction_stderr: metric(binomialStderr(6 / 7, 7)),
      loose_prompt_accuracy: metric(4 / 5),
      loose_prompt_stderr: metric(binomialStderr(4 / 5, 5)),
    });
  });
});
