/**
 * openbench's language (or round) families: `<family>` runs its default config, and each subtask runs one config
 * through the same task function (`xcopa_et` is `xcopa(language="et")`).
 */
import { subtaskOf, type BenchmarkEntry } from '../../catalog/benchmark.entry';
import type { BenchmarkTask } from '../task.types';

type Entry = Omit<BenchmarkEntry, 'dataset' | 'scorer'>;

export interface FamilyMember {
  config: string;
  entry: Omit<BenchmarkEntry, 'dataset' | 'scorer' | 'subtask'>;
}

export function configFamily(
  family: Entry,
  defaultConfig: string,
  members: readonly FamilyMember[],
  build: (benchmark: Entry, config: string) => BenchmarkTask,
): BenchmarkTask[] {
  const head = build(family, defaultConfig);
  return [head, ...members.map(({ config, entry }) => build(subtaskOf(head.benchmark, entry), config))];
}
