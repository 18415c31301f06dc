/**
 * openbench's language (or round) families: `<family>` runs its default config, and each subtask runs one config
 * through the same task function (`xcopa_et` is `xcopa(language="et")`).
 */
import { subtaskOf, type BenchmarkEntry } from '../../catalog/benchmark.entry';
import { taskArgs } from '../generative/task-definition.util';
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

export interface CrossLingualFamily {
  /** The family's key, also the subtasks' prefix and extra tag (`xcopa` → `xcopa_et`). */
  name: string;
  /** The title before ": <language>" in a subtask's display name. */
  title: string;
  display_name: string;
  description: string;
  tags: readonly string[];
  sample_count: number | null;
  defaultLanguage: string;
  /** Config (language code) and language name, in openbench's order. */
  languages: readonly (readonly [string, string])[];
  /** A subtask's description, e.g. "XCOPA causal reasoning for" → "XCOPA causal reasoning for Estonian (et)". */
  memberDescription: string;
}

/** openbench's cross-lingual families (XCOPA, XWinograd, XStoryCloze) share one catalog layout. */
export function crossLingualFamily(family: CrossLingualFamily, build: (benchmark: Entry, config: string) => BenchmarkTask): BenchmarkTask[] {
  const { name, display_name, description, tags, sample_count } = family;
  return configFamily(
    { name, display_name, category: 'cross-lingual', description, tags, sample_count },
    family.defaultLanguage,
    family.languages.map(([code, language]) => ({
      config: code,
      entry: {
        name: `${name}_${code}`,
        display_name: `${family.title}: ${language}`,
        category: 'cross-lingual',
        description: `${family.memberDescription} ${language} (${code})`,
        tags: [...tags, name],
        sample_count,
      },
    })),
    build,
  );
}

/**
 * A benchmark one task argument of which picks what it reads (`tumlu(language=...)`, `rootly_terraform(subtask=...)`):
 * the task of each value is built once, so its conversions are reused, and the catalog entry is the default's. An
 * argument other than this one is refused; `build` throws for a value upstream refuses.
 */
export function perArgumentTask(
  argument: string,
  defaultValue: string | undefined,
  build: (value: string | undefined) => BenchmarkTask,
): BenchmarkTask {
  const byValue = new Map<string | undefined, BenchmarkTask>();
  const taskFor = (value: string | undefined): BenchmarkTask => {
    let task = byValue.get(value);
    if (!task) {
      task = build(value);
      byValue.set(value, task);
    }
    return task;
  };
  const head = taskFor(defaultValue);
  return {
    benchmark: head.benchmark,
    create: (options) => {
      taskArgs(head.benchmark.name, options, { [argument]: '' });
      return taskFor(options.args?.[argument] ?? defaultValue).create({});
    },
  };
}
