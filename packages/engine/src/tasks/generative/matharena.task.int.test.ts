import { hfFileUrl } from '@studio/datasets';
import { lastUserText } from '../../../test/fake-chat-model.server';
import { GENERATIVE_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { getTask } from '../registry';

const URL = hfFileUrl('MathArena/aime_2025', 'default/train/0000.parquet', 'refs/convert/parquet');

describe('aime_2025 (MathArena/aime_2025 train, problems I.1 to I.3)', () => {
  const calls = new Map<string, number>();
  // Problem 1 always right, problem 2 right in 2 of its 4 epochs, problem 3 outside the AIME range.
  const offline = offlineTaskRun(GENERATIVE_FIXTURES, { [URL]: 'MathArena-aime_2025-default-train.parquet' }, (body) => {
    const prompt = lastUserText(body);
    const call = (calls.get(prompt) ?? 0) + 1;
    calls.set(prompt, call);
    if (prompt.includes('$17_b$')) return 'So the bases are 21 and 49.\n\\boxed{70}';
    if (prompt.includes('heptagon')) return call <= 2 ? 'The area is \\boxed{588}.' : '\\boxed{587}';
    return '\\boxed{1000}';
  });

  it('prepends the MathArena instruction, runs 4 epochs at temperature 0.6 and reduces them by mean', async () => {
    const task = getTask('aime_2025');
    const { result, records } = await offline.run(task);

    expect(result.status).toBe('success');
    expect(task.config).toEqual({ temperature: 0.6, max_tokens: 8000 });
    expect(records).toHaveLength(12);
    const first = records.find((r) => r.sample_id === 1 && r.epoch === 1)!;
    expect(first.input).toBe(
      'Please reason step by step, and put your final answer within \\boxed{}.\nThe answer is an integer between 0 and 999 inclusive.\n\n' +
        'Find the sum of all integer bases $b>9$ for which $17_b$ is a divisor of $97_b.$',
    );
    expect(first.target).toBe('70');
    expect(first.metadata).toEqual({});
    expect(records.find((r) => r.sample_id === 3)!.scores.aime_scorer).toMatchObject({
      value: 'I',
      explanation: 'Answer 1000 outside valid AIME range [0, 999]',
    });
    expect(result.reductions[0].samples.map((s) => [s.sample_id, s.value])).toEqual([
      [1, 1],
      [2, 0.5],
      [3, 0],
    ]);
    // numpy over the reduced values [1, 0.5, 0].
    expect(result.results[0].metrics).toEqual({
      accuracy: { name: 'accuracy', value: 0.5 },
      std: { name: 'std', value: 0.5 },
      stderr: { name: 'stderr', value: 0.2886751345948129 },
    });
  });
});

const shard = (repo: string) => hfFileUrl(repo, 'default/train/0000.parquet', 'refs/convert/parquet');

describe('aime_2024 (AarushSah/aime2024: AIME 2024 I.1, I.2 and II.1, real rows)', () => {
  const calls = new Map<string, number>();
  // I.1 always right, I.2 ("025") right as 25 in its first epoch only, II.1 never answered with a number.
  const offline = offlineTaskRun(GENERATIVE_FIXTURES, { [shard('AarushSah/aime2024')]: 'AarushSah-aime2024-default-train.parquet' }, (body) => {
    const prompt = lastUserText(body);
    const call = (calls.get(prompt) ?? 0) + 1;
    calls.set(prompt, call);
    if (prompt.includes('Every morning Aya')) return 'The walk takes \\boxed{204} minutes.';
    if (prompt.includes('log_x')) return call === 1 ? '\\boxed{25}' : '\\boxed{24}';
    return 'I cannot solve this.';
  });

  it('runs the AIME instruction, 4 epochs at temperature 0.6 and max_tokens 8000, ids from problem_idx', async () => {
    const task = getTask('aime_2024');
    const { result, records } = await offline.run(task);
    expect(result.status).toBe('success');
    expect(task.config).toEqual({ temperature: 0.6, max_tokens: 8000 });
    expect(records).toHaveLength(12);
    const first = records.find((r) => r.sample_id === 60 && r.epoch === 1)!;
    expect(first.input).toMatch(
      /^Please reason step by step, and put your final answer within \\boxed\{\}\.\nThe answer is an integer between 0 and 999 inclusive\.\n\nEvery morning Aya goes for a \$9\$-kilometer-long walk/,
    );
    expect(records.find((r) => r.sample_id === 67)!.target).toBe('25');
    expect(records.find((r) => r.sample_id === 75)!.scores.aime_scorer).toMatchObject({ value: 'I', explanation: 'No answer found in response' });
    expect(result.reductions[0].samples.map((s) => [s.sample_id, s.value])).toEqual([
      [60, 1],
      [67, 0.25],
      [75, 0],
    ]);
    // numpy over [1, 0.25, 0]: mean 0.41667, std (ddof=1) 0.52042, stderr std/sqrt(3).
    expect(result.results[0].metrics).toEqual({
      accuracy: { name: 'accuracy', value: 0.4166666666666667 },
      std: { name: 'std', value: 0.5204164998665332 },
      stderr: { name: 'stderr', value: 0.3004626062886658 },
    });
  });
});

/** One row per set: real AIME rows for the 2024 and 2025 II exams, constructed rows for the others (SOURCE.md). */
const SETS: [name: string, repo: string, maxTokens: number, problemStart: string, answer: string, accuracy: number][] = [
  ['aime_2023_I', 'MathArena/aime_2023_I', 8000, 'Find the remainder when $2^{10}$', '\\boxed{2}', 1],
  ['aime_2023_II', 'MathArena/aime_2023_II', 8000, 'How many positive divisors', '\\boxed{24}', 1],
  ['aime_2024_I', 'MathArena/aime_2024_I', 8000, 'Every morning Aya', '\\boxed{204}', 1],
  ['aime_2024_II', 'MathArena/aime_2024_II', 8000, 'Among the 900 residents of Aimeville', 'so \\boxed{540}', 0],
  ['aime_2025_II', 'MathArena/aime_2025_II', 8000, 'Six points $A, B, C, D, E,$ and $F$', '\\boxed{468}', 1],
  ['brumo_2025', 'MathArena/brumo_2025', 16000, 'Compute $3^4-4^3$.', '\\boxed{17}', 1],
  ['hmmt_feb_2023', 'MathArena/hmmt_feb_2023', 16000, 'Compute $1+2+\\cdots+20$.', '\\boxed{210}', 1],
  ['hmmt_feb_2024', 'MathArena/hmmt_feb_2024', 16000, 'Compute the number of ordered pairs', 'There are 9 pairs.', 1],
  // The AIME scorer stops the box at the first '}', so a fraction never matches: openbench scores it 0 as well.
  ['hmmt_feb_2025', 'MathArena/hmmt_feb_2025', 16000, 'Compute $\\frac{1}{2}+\\frac{1}{4}$.', '\\boxed{\\frac{3}{4}}', 0],
];

describe('the other MathArena sets (one problem each)', () => {
  const offline = offlineTaskRun(
    GENERATIVE_FIXTURES,
    Object.fromEntries(SETS.map(([name, repo]) => [shard(repo), `MathArena-${name}-default-train.parquet`])),
    (body) => SETS.find(([, , , start]) => lastUserText(body).includes(start))![4],
  );

  it.each(SETS)('%s reads %s with its instruction and max_tokens %d', async (name, _repo, maxTokens, problemStart, _answer, expected) => {
    const task = getTask(name);
    expect(task.config).toEqual({ temperature: 0.6, max_tokens: maxTokens });
    const { result, records } = await offline.run(task);
    expect(result.status).toBe('success');
    expect(records).toHaveLength(4);
    const instruction =
      maxTokens === 8000
        ? 'Please reason step by step, and put your final answer within \\boxed{}.\nThe answer is an integer between 0 and 999 inclusive.'
        : 'Please reason step by step, and put your final answer within \\boxed{}.';
    expect(String(records[0].input).startsWith(`${instruction}\n\n${problemStart}`)).toBe(true);
    expect(result.results[0].metrics.accuracy.value).toBe(expected);
  });
});
