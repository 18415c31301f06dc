import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isScoringService } from '@studio/contracts';
import { catalogView, getBenchmark } from '../catalog';
import { BENCHMARKS_WITHOUT_TASK } from '../catalog/benchmark.data';
import { indexByBenchmarkKey } from '../catalog/benchmark.entry';
import { BENCHMARK_TASKS } from './benchmark-tasks';
import { POLYGLOTOXICITY_LANGUAGES } from './generative/polyglotoxicity.task';
import { TaskArgumentError } from './generative/task-definition.util';
import { getTask, hasTask, runnableTaskNames } from './registry';

test('every registered benchmark builds a task named after its catalog entry', () => {
  expect(BENCHMARK_TASKS.length).toBeGreaterThan(0);
  for (const { benchmark, create } of BENCHMARK_TASKS) {
    const task = create({});
    expect({ name: task.name, displayName: task.displayName }).toEqual({ name: benchmark.name, displayName: benchmark.display_name });
    expect(getTask(benchmark.name).name).toBe(benchmark.name);
  }
});

test('the catalog names the judges and scoring services each task definition calls, and only those', () => {
  const named = (name: string) => {
    const { judges, scoring_services } = getBenchmark(name)!.requirements;
    return { name, judges, scoring_services };
  };
  for (const { benchmark, create } of BENCHMARK_TASKS) {
    const task = create({});
    const services = (task.services ?? []).filter(isScoringService);
    expect(named(benchmark.name)).toEqual({ name: benchmark.name, judges: task.judges ?? null, scoring_services: services.length ? services : null });
  }
  expect(BENCHMARK_TASKS.map((t) => named(t.benchmark.name)).filter((n) => n.scoring_services).map((n) => `${n.name}: ${n.scoring_services!.join()}`)).toEqual([
    'polyglotoxicity: perspective',
    ...Object.values(POLYGLOTOXICITY_LANGUAGES).map(({ key }) => `polyglotoxicity_${key}: perspective`),
    'deep_research_bench: jina',
  ]);
});

test('every registered benchmark refuses a task argument it does not take, naming it (the API checks runs by this)', () => {
  for (const { benchmark, create } of BENCHMARK_TASKS) {
    let refused: unknown;
    try {
      create({ args: { no_such_argument: '1' } });
    } catch (err) {
      refused = err;
    }
    expect({ benchmark: benchmark.name, refused }).toEqual({ benchmark: benchmark.name, refused: expect.any(TaskArgumentError) });
    expect(refused).toMatchObject({ argument: 'no_such_argument', message: expect.stringMatching(/^\S+ does not accept task argument\(s\) no_such_argument; it accepts /) });
  }
});

// Values these tasks refuse at setup, with upstream's message where upstream refuses the value too.
test.each([
  ['healthbench', { subset: 'easy' }, 'subset', 'Invalid subset: easy'],
  ['graphwalks', { task_type: 'dfs' }, 'task_type', "task_type must be one of 'bfs', 'parents', 'both'"],
  ['graphwalks', { max_context_size: 'big' }, 'max_context_size', 'graphwalks: task argument max_context_size must be a non-negative integer, got "big"'],
  ['sealqa', { subset: 'seal_easy' }, 'subset', "Invalid subset 'seal_easy'. Valid options are: ['longseal', 'seal_0', 'seal_hard']"],
  ['sealqa', { last_updated: '2025-10-29' }, 'last_updated', expect.stringMatching(/^sealqa: only last_updated=latest can be read by this engine .*, got "2025-10-29"$/)],
  ['arc_agi', { version: '3' }, 'version', 'Unknown ARC-AGI version: 3. Must be 1 or 2.'],
  ['political_evenhandedness', { prompt_order: 'ca' }, 'prompt_order', "prompt_order must be 'ab' or 'ba'"],
  ['political_evenhandedness', { even_threshold: 'half' }, 'even_threshold', 'political_evenhandedness: task argument even_threshold must be a number, got "half"'],
  ['jsonschemabench', { split: 'dev' }, 'split', 'jsonschemabench: split must be one of test, val, train, all, got "dev"'],
  ['jsonschemabench', { compatibility: 'anthropic' }, 'compatibility', 'Unsupported compatibility mode: anthropic. Available modes: default, openai'],
  ['jsonschemabench', { num_shots: '99' }, 'num_shots', 'Not enough None examples to prompt with 99 shots'],
  ['jsonschemabench', { use_response_schema: 'true' }, 'use_response_schema', expect.stringMatching(/^jsonschemabench: use_response_schema=true needs structured-output requests/)],
  ['mbpp', { subset: 'tiny' }, 'subset', "Invalid subset 'tiny'. Available subsets are 'full' or 'sanitized'."],
  ['mmstar', { base_model: 'openai/gpt-4o' }, 'base_model', expect.stringMatching(/^mmstar: base_model .* is not supported by this engine$/)],
  ['rootly_terraform', { subtask: 'gcp-mcq' }, 'subtask', 'Unknown subtask: gcp-mcq. Valid subtasks are: azure-k8s-mcq, s3-security-mcq'],
])('%s refuses %j naming the argument %s (the API answers 422 task_args.<name> by this)', (name, args, argument, message) => {
  let refused: unknown;
  try {
    getTask(name, { args });
  } catch (err) {
    refused = err;
  }
  expect(refused).toBeInstanceOf(TaskArgumentError);
  expect(refused).toMatchObject({ argument, message });
});

test('the catalog serves every task entry as runnable and every entry without a task as not runnable', () => {
  const served = new Map(
    catalogView(new Set(runnableTaskNames()), { includeSubtasks: true, includeAlpha: true }).map((meta) => [meta.name, meta]),
  );
  expect(served.size).toBe(BENCHMARK_TASKS.length + BENCHMARKS_WITHOUT_TASK.length);
  for (const { benchmark } of BENCHMARK_TASKS) expect(served.get(benchmark.name)?.runnable).toBe(true);
  for (const entry of BENCHMARKS_WITHOUT_TASK) expect(served.get(entry.name)?.runnable).toBe(false);
  expect(runnableTaskNames()).toEqual(BENCHMARK_TASKS.map(({ benchmark }) => benchmark.name).sort());
});

/** The text of every task test under src/tasks, where each runnable benchmark's exact prompt and score are checked. */
function taskTestSources(): string {
  const files = readdirSync(__dirname, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.int.test.ts'));
  return files.map((file) => readFileSync(join(__dirname, file), 'utf8')).join('\n');
}

test('every catalog entry is either runnable, with a task test naming it (or its family), or carries the reason it is not', () => {
  const tests = taskTestSources();
  const served = catalogView(new Set(runnableTaskNames()), { includeSubtasks: true, includeAlpha: true });
  // A subtask may be covered by its family's test (the mgsm languages are looped over there).
  const named = (name: string) => [name, name.replaceAll('-', '_'), name.replaceAll('_', '-')].some((spelling) => tests.includes(`'${spelling}'`));
  const untested = served
    .filter((meta) => meta.runnable && !named(meta.name) && !(meta.group !== undefined && named(meta.group)))
    .map((meta) => meta.name);
  expect(untested).toEqual([]);
  for (const meta of served) {
    if (meta.runnable) expect(meta.reason).toBeUndefined();
    else expect(meta.reason).toMatch(/\S/);
  }
  const reasonOf = (name: string) => served.find((meta) => meta.name === name)?.reason;
  expect(reasonOf('tau_bench_retail')).toMatch(/^Needs an agent harness/);
  expect(reasonOf('exercism_python')).toMatch(/Docker container/);
  expect(reasonOf('cybench')).toMatch(/Docker containers and tool calling/);
  expect(reasonOf('race_high')).toBeUndefined();
  expect(reasonOf('arc_agi')).toBeUndefined();
  expect(reasonOf('chartqapro')).toBeUndefined();
  expect(reasonOf('ocrbenchv2')).toBeUndefined();
  expect(reasonOf('mathvista')).toBeUndefined();
});

test('a name resolves with - and _ interchangeable and is otherwise exact', () => {
  expect(hasTask('mmlu_pro')).toBe(true);
  expect(getTask('mmlu_pro').name).toBe('mmlu-pro');
  expect(getTask('gpqa-diamond').name).toBe('gpqa_diamond');
  expect(hasTask('MMLU')).toBe(false);
  expect(hasTask('cybench')).toBe(false);
  expect(getBenchmark('cybench')).toBeDefined();
  expect(() => getTask('cybench')).toThrow(/^Benchmark "cybench" is not runnable by this engine; runnable: .*\barc_challenge, arc_easy, /);
});

test('a benchmark written twice, or two names that differ only by - vs _, are refused', () => {
  const entry = (name: string) => ({ name });
  const nameOf = (item: { name: string }) => item.name;
  expect(() => indexByBenchmarkKey([entry('piqa'), entry('piqa')], nameOf)).toThrow('benchmark catalog: piqa is written twice');
  expect(() => indexByBenchmarkKey([entry('mmlu-pro'), entry('mmlu_pro')], nameOf)).toThrow(
    "benchmark catalog: mmlu_pro and mmlu-pro differ only by '-' vs '_'",
  );
  expect([...indexByBenchmarkKey([entry('mmlu-pro'), entry('piqa')], nameOf).keys()]).toEqual(['mmlu_pro', 'piqa']);
});

test('only subtasks are marked surfaced', () => {
  const entries = [...BENCHMARK_TASKS.map(({ benchmark }) => benchmark), ...BENCHMARKS_WITHOUT_TASK];
  const surfaced = entries.filter((entry) => entry.surfaced);
  expect(surfaced.length).toBeGreaterThan(0);
  for (const entry of surfaced) expect(entry.subtask).toBe(true);
});
