/**
 * The README's list of runnable benchmarks is generated from the task registry, here. When a benchmark is added,
 * rewrite it with
 *   UPDATE_README=1 pnpm exec jest packages/engine/src/tasks/readme-benchmarks.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listBenchmarks } from '../catalog';
import type { BenchmarkEntry } from '../catalog/benchmark.entry';
import { BENCHMARK_TASKS } from './benchmark-tasks';

const README = join(__dirname, '../../../../README.md');
const START = '<!-- runnable benchmarks: generated from the task registry by packages/engine/src/tasks/readme-benchmarks.test.ts -->';
const END = '<!-- end of runnable benchmarks -->';

const code = (name: string): string => `\`${name}\``;

/** The benchmarks the engine runs, by scorer, each with the runnable subtasks of its family. */
function runnableBenchmarks(): string {
  const entries = BENCHMARK_TASKS.map((task) => task.benchmark);
  const runnable = new Set(entries.map((entry) => entry.name));
  const isFolded = (entry: BenchmarkEntry): boolean => entry.group !== undefined && runnable.has(entry.group);
  const benchmarks = entries.filter((entry) => !isFolded(entry));
  const topLevel = listBenchmarks({ includeSubtasks: true }).filter((meta) => !meta.subtask).length;

  const rows = new Map<string, string[]>();
  for (const entry of benchmarks) {
    const subtasks = entries.filter((candidate) => isFolded(candidate) && candidate.group === entry.name);
    const grader = entry.requirements?.grader_model;
    const cell =
      code(entry.name) +
      (grader ? ` (grader ${code(grader)})` : '') +
      (subtasks.length > 0 ? ` with ${subtasks.map((subtask) => code(subtask.name)).join(', ')}` : '');
    rows.set(entry.scorer, [...(rows.get(entry.scorer) ?? []), cell]);
  }
  return [
    START,
    `\`GET /api/benchmarks\` lists the ${topLevel} top-level openbench benchmarks and the subtasks Studio surfaces`,
    '(`include_subtasks=true` and `include_alpha=true` add the others), each with category, description, tags, sample',
    'count, dataset source, capability requirements, `runnable` and, when not, the `reason`. The engine runs these ' +
      `${benchmarks.length} benchmarks, ${entries.length} keys`,
    "counting subtasks (openbench keys; `-` and `_` are interchangeable):",
    '',
    '| scorer | benchmarks |',
    '|---|---|',
    ...[...rows].map(([scorer, cells]) => `| ${scorer} | ${cells.join(', ')} |`),
    '',
    END,
  ].join('\n');
}

test("the README's list of runnable benchmarks is the task registry's", () => {
  const readme = readFileSync(README, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  expect(start).toBeGreaterThan(-1);
  expect(end).toBeGreaterThan(start);
  const expected = runnableBenchmarks();
  if (process.env.UPDATE_README === '1') {
    writeFileSync(README, readme.slice(0, start) + expected + readme.slice(end + END.length));
    return;
  }
  expect(readme.slice(start, end + END.length)).toBe(expected);
});

test('the list names every registered key once', () => {
  const listed = runnableBenchmarks().match(/`[^`\s]+`/g) ?? [];
  const keys = listed.map((name) => name.slice(1, -1)).filter((name) => BENCHMARK_TASKS.some((task) => task.benchmark.name === name));
  expect(keys.sort()).toEqual(BENCHMARK_TASKS.map((task) => task.benchmark.name).sort());
});
