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
