import { describe, expect, it } from 'vitest';
import type { Benchmark } from '../api/types';
import { contextWindowShortfall } from '../../../../packages/contracts/src/context-window';
import { capabilityBadges, categoryCounts, contextShortfall, filterCatalog, serviceKeyNeeds } from './catalog';

const noRequirements: Benchmark['requirements'] = { vision: false, code_execution: false, function_calling: false, min_context_length: null, grader_model: null, judges: null, scoring_services: null };
const SERVICES = [
  { service: 'perspective', display_name: 'Google Perspective API', short_name: 'Perspective' },
  { service: 'jina', display_name: 'Jina AI Reader', short_name: 'Jina' },
];

const bench = (over: Partial<Benchmark>): Benchmark => ({
  name: 'x',
  display_name: 'X',
  category: 'knowledge',
  description: '',
  description_short: '',
  tags: [],
  sample_count: null,
  dataset: { source: 'hf' },
  scorer: 'mcq',
  requirements: noRequirements,
  subtask: false,
  alpha: false,
  featured: false,
  runnable: true,
  ...over,
});

const all = [
  bench({ name: 'humaneval', display_name: 'HumanEval', category: 'coding', runnable: false, featured: true }),
  bench({ name: 'gsm8k', display_name: 'GSM8K', category: 'math', tags: ['word-problems'] }),
  bench({ name: 'mmlu', display_name: 'MMLU', featured: true, description_short: 'Massive multitask' }),
  bench({ name: 'arc_easy', display_name: 'ARC Easy', category: 'science' }),
];

describe('filterCatalog', () => {
  it('puts runnable first, then featured, then by name', () => {
    const names = filterCatalog(all, { search: '', category: '', showUnrunnable: true }).map((b) => b.name);
    expect(names).toEqual(['mmlu', 'arc_easy', 'gsm8k', 'humaneval']);
  });
  it('hides benchmarks the engine cannot run unless asked', () => {
    expect(filterCatalog(all, { search: '', category: '', showUnrunnable: false }).map((b) => b.name)).not.toContain('humaneval');
  });
  it('matches every word of the search in names, descriptions and tags', () => {
    expect(filterCatalog(all, { search: 'word', category: '', showUnrunnable: true }).map((b) => b.name)).toEqual(['gsm8k']);
    expect(filterCatalog(all, { search: 'massive multi', category: '', showUnrunnable: true }).map((b) => b.name)).toEqual(['mmlu']);
    expect(filterCatalog(all, { search: 'massive math', category: '', showUnrunnable: true })).toEqual([]);
  });
  it('filters by category and counts categories', () => {
    expect(filterCatalog(all, { search: '', category: 'math', showUnrunnable: true }).map((b) => b.name)).toEqual(['gsm8k']);
    expect(categoryCounts(all)[0]).toEqual({ category: 'coding', count: 1 });
  });
});

describe('capabilityBadges', () => {
  it('names what a model needs', () => {
    const b = bench({ alpha: true, requirements: { vision: true, code_execution: false, function_calling: true, min_context_length: 128000, grader_model: 'openai/gpt-4.1', judges: null, scoring_services: null } });
    expect(capabilityBadges(b).map((x) => x.label)).toEqual(['Vision', 'Tools', '128k context', 'Model-graded', 'Alpha']);
    expect(capabilityBadges(bench({}))).toEqual([]);
    const judged = bench({ requirements: { vision: false, code_execution: false, function_calling: false, min_context_length: null, grader_model: null, judges: { race: 'google/a', fact: 'google/b' }, scoring_services: null } });
    expect(capabilityBadges(judged)).toEqual([{ label: 'Fixed judges', title: 'Judged by google/a (race) and google/b (fact), with your keys for their provider' }]);
  });
  it("names the scoring service whose key the benchmark is scored with, by its id until the services' names are known", () => {
    const scored = bench({ requirements: { ...noRequirements, scoring_services: ['perspective'] } });
    expect(capabilityBadges(scored, SERVICES)).toEqual([{ label: 'Perspective key', title: 'Scored by Google Perspective API with your key (Settings → Scoring services)' }]);
    expect(capabilityBadges(scored).map((x) => x.label)).toEqual(['perspective key']);
  });
});

describe('serviceKeyNeeds', () => {
  const scored = bench({ requirements: { ...noRequirements, scoring_services: ['jina'] } });
  it("names each service the benchmark needs and whether the user's key for it is saved", () => {
    expect(serviceKeyNeeds(scored, SERVICES, [])).toEqual([{ service: 'jina', display_name: 'Jina AI Reader', saved: false }]);
    expect(serviceKeyNeeds(scored, SERVICES, ['perspective', 'jina'])).toEqual([{ service: 'jina', display_name: 'Jina AI Reader', saved: true }]);
  });
  it('says nothing of the key while the saved keys are unknown, and needs nothing for other benchmarks', () => {
    expect(serviceKeyNeeds(scored, [], undefined)).toEqual([{ service: 'jina', display_name: 'jina', saved: null }]);
    expect(serviceKeyNeeds(bench({}), SERVICES, [])).toEqual([]);
    expect(serviceKeyNeeds(undefined, SERVICES, [])).toEqual([]);
  });
});

describe('contextShortfall', () => {
  const longContext = bench({ display_name: 'GraphWalks', requirements: { vision: false, code_execution: false, function_calling: false, min_context_length: 128000, grader_model: null, judges: null, scoring_services: null } });
  it('refuses a model whose known window is smaller than the benchmark needs', () => {
    expect(contextShortfall(longContext, 'local/small', 32768)).toBe(
      'GraphWalks needs a context window of at least 128,000 tokens; local/small has 32,768.',
    );
  });
  it('says nothing when the window suffices, is unknown, or the benchmark needs no long context', () => {
    expect(contextShortfall(longContext, 'm', 128000)).toBeNull();
    expect(contextShortfall(longContext, 'm', null)).toBeNull();
    expect(contextShortfall(longContext, 'm', undefined)).toBeNull();
    expect(contextShortfall(bench({}), 'm', 4096)).toBeNull();
    expect(contextShortfall(undefined, 'm', 4096)).toBeNull();
  });
  it("answers as the server's check (the contracts' contextWindowShortfall) does", () => {
    for (const window of [32768, 127999, 128000, 1048576, null, undefined]) {
      for (const b of [longContext, bench({}), undefined]) {
        expect(contextShortfall(b, 'local/small', window)).toBe(contextWindowShortfall(b, 'local/small', window));
      }
    }
  });
});
