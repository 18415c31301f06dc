import {
  canonicalBenchmarkName,
  catalogView,
  getBenchmark,
  listBenchmarks,
  withRunnable,
} from './benchmark.catalog';
import type { BenchmarkMeta } from './benchmark.types';

/** The 98 keys `bench list` shows (openbench v0.5.3), shared/reference/openbench-engine.md §2.4.1. */
const OPENBENCH_TOP_LEVEL = [
  'agieval', 'clockbench', 'detailbench', 'tumlu', 'arc_agi', 'boolq', 'browsecomp', 'chartqapro',
  'deep_research_bench', 'drop', 'exercism', 'global_mmlu', 'gpqa', 'gpqa_diamond', 'gpt_oss_aime25', 'gsm8k',
  'gsm_plus', 'headqa', 'healthbench', 'hellaswag', 'hle', 'humaneval', 'ifbench', 'ifeval', 'jsonschemabench',
  'livemcpbench', 'math', 'mathvista', 'mbpp', 'medmcqa', 'medqa', 'mgsm', 'mmlu', 'mmlu-pro', 'mmlu-redux',
  'mmmlu', 'mmmu', 'mmmu_pro', 'mmstar', 'multichallenge', 'musr', 'natural_questions', 'ocrbenchv2',
  'openai_mrcr', 'openbookqa', 'piqa', 'polyglotoxicity', 'prost', 'pubmedqa', 'rocketscience', 'rootly_gmcq',
  'rootly_terraform', 'sealqa', 'simpleqa', 'simpleqa_verified', 'squad_v2', 'supergpqa', 'swag', 'triviaqa',
  'winogrande', 'wsc273', 'xcopa', 'xstorycloze', 'xwinograd', 'arabic_exams', 'cybench', 'legalsupport',
  'agentdojo', 'bbq', 'ethics', 'social_iqa', 'toxigen', 'anli', 'glue', 'superglue', 'cosafe_m2s', 'mhj_m2s',
  'safemt_m2s', 'factscore', 'logiqa', 'math_qa', 'sciq', 'truthfulqa', 'blimp', 'otis_mock_aime', 'smt',
  'mmvetv2', 'qa4mre', 'qasper_ll', 'race', 'political_evenhandedness',
  'political_evenhandedness_historical_events', 'political_evenhandedness_policies',
  'political_evenhandedness_political_figures', 'political_evenhandedness_scientific',
  'political_evenhandedness_social_identity', 'political_evenhandedness_social_issues',
  'political_evenhandedness_us_constitution',
];

const MGSM_KEYS = [
  'mgsm_en', 'mgsm_latin', 'mgsm_non_latin', 'mgsm_de', 'mgsm_es', 'mgsm_fr', 'mgsm_sw', 'mgsm_bn', 'mgsm_ja',
  'mgsm_ru', 'mgsm_te', 'mgsm_th', 'mgsm_zh',
];

/** Subtasks the engine runs by name, so the default listing must carry them. */
const SURFACED_SUBTASKS = ['arc_easy', 'arc_challenge', 'math_500', 'aime_2024', 'aime_2025', ...MGSM_KEYS];

const FEATURED = [
  'arc_challenge', 'gpqa_diamond', 'gsm8k', 'hellaswag', 'humaneval', 'math_500', 'mmlu', 'mmlu-pro', 'simpleqa',
  'truthfulqa',
];

const everything = (): BenchmarkMeta[] => listBenchmarks({ includeSubtasks: true, includeAlpha: true });

describe('catalog contents', () => {
  it('has every top-level openbench benchmark under its exact key, as non-subtask non-alpha', () => {
    expect(OPENBENCH_TOP_LEVEL).toHaveLength(98);
    for (const name of OPENBENCH_TOP_LEVEL) {
      const meta = getBenchmark(name);
      expect(meta?.name).toBe(name);
      expect(meta).toMatchObject({ subtask: false, alpha: false });
    }
  });

  it('has exactly those 98 top-level non-alpha benchmarks', () => {
    const topLevel = everything().filter((meta) => !meta.subtask && !meta.alpha);
    expect(topLevel.map((meta) => meta.name).sort()).toEqual([...OPENBENCH_TOP_LEVEL].sort());
  });

  it('has the subtasks the engine runs, flagged as subtasks of their family', () => {
    for (const name of SURFACED_SUBTASKS) {
      expect(getBenchmark(name)).toMatchObject({ name, subtask: true });
    }
    for (const name of MGSM_KEYS) expect(getBenchmark(name)?.group).toBe('mgsm');
    expect(getBenchmark('math_500')?.group).toBe('math');
  });

  it('keeps names unique when - and _ are treated as equal', () => {
    const keys = everything().map((meta) => meta.name.replaceAll('-', '_'));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives every entry a description, a category, tags, a dataset source and a scorer', () => {
    for (const meta of everything()) {
      expect(meta.display_name).not.toBe('');
      expect(meta.description).not.toBe('');
      expect(meta.category).not.toBe('');
      expect(meta.tags.length).toBeGreaterThan(0);
      expect(meta.dataset.source).not.toBe('');
      expect(meta.scorer).not.toBe('');
    }
  });

  it('keeps card descriptions within 100 characters and derived from the description', () => {
    for (const meta of everything()) {
      expect(meta.description_short.length).toBeLessThanOrEqual(100);
      expect(meta.description.startsWith(meta.description_short.replace(/…$/, ''))).toBe(true);
    }
    expect(getBenchmark('gsm8k')?.description_short).toBe(getBenchmark('gsm8k')?.description);
    expect(getBenchmark('mmlu')?.description_short).toBe(
      'Massive Multitask Language Understanding - 57 academic subjects from the cais/mmlu dataset.',
    );
    expect(getBenchmark('drop')?.description_short).toBe(
      'Reading comprehension benchmark requiring discrete reasoning over paragraphs…',
    );
  });

  it('uses positive integers or null for sample counts', () => {
    for (const meta of everything()) {
      if (meta.sample_count !== null) expect(Number.isInteger(meta.sample_count) && meta.sample_count > 0).toBe(true);
    }
  });

  it('records the verified split sizes', () => {
    const counts = Object.fromEntries(everything().map((meta) => [meta.name, meta.sample_count]));
    expect(counts).toMatchObject({
      gsm8k: 1319,
      mmlu: 14042,
      math_500: 500,
      humaneval: 164,
      aime_2024: 30,
      aime_2025: 30,
      truthfulqa: 817,
      hellaswag: 10042,
      gpqa_diamond: 198,
      'mmlu-pro': 12032,
      simpleqa: 4326,
      arc_challenge: 1172,
      arc_easy: 2376,
      mgsm: 2750,
      mgsm_latin: 1250,
      mgsm_non_latin: 1500,
    });
    for (const name of MGSM_KEYS.filter((key) => !key.endsWith('latin'))) expect(counts[name]).toBe(250);
  });

  it('marks the featured benchmarks and only those', () => {
    expect(everything().filter((meta) => meta.featured).map((meta) => meta.name).sort()).toEqual(FEATURED);
  });

  it('states capability requirements and default graders', () => {
    for (const name of ['mmmu', 'mmmu_pro', 'mathvista', 'chartqapro', 'mmstar', 'ocrbenchv2', 'rocketscience',
      'clockbench', 'mmvetv2']) {
      expect(getBenchmark(name)?.requirements.vision).toBe(true);
    }
    for (const name of ['humaneval', 'mbpp', 'exercism', 'scicode']) {
      expect(getBenchmark(name)?.requirements.code_execution).toBe(true);
    }
    for (const name of ['agentdojo', 'livemcpbench', 'tau_bench_retail']) {
      expect(getBenchmark(name)?.requirements.function_calling).toBe(true);
    }
    expect(getBenchmark('openai_mrcr')?.requirements.min_context_length).toBe(128000);
    expect(getBenchmark('graphwalks')?.requirements.min_context_length).toBe(128000);
    expect(getBenchmark('simpleqa')?.requirements.grader_model).toBe('openai/gpt-4.1-2025-04-14');
    expect(getBenchmark('math_500')?.requirements.grader_model).toBe('openai/gpt-4-turbo-preview');
    expect(getBenchmark('hle')?.requirements.grader_model).toBe('openai/o3-mini-2025-01-31');
    expect(getBenchmark('gsm8k')?.requirements).toEqual({
      vision: false,
      code_execution: false,
      function_calling: false,
      min_context_length: null,
      grader_model: null,
      judges: null,
      scoring_services: null,
    });
    expect(getBenchmark('deep_research_bench')?.requirements).toMatchObject({
      grader_model: null,
      judges: { race: 'google/gemini-2.5-pro-preview-06-05', fact: 'google/gemini-2.5-flash-preview-05-20' },
      scoring_services: ['jina'],
    });
    expect(getBenchmark('polyglotoxicity')?.requirements.scoring_services).toEqual(['perspective']);
    expect(getBenchmark('polyglotoxicity_japanese')?.requirements.scoring_services).toEqual(['perspective']);
    // FActScore's knowledge base is the operator's file, not a service with a user's key.
    expect(getBenchmark('factscore')?.requirements.scoring_services).toBeNull();
  });

  it('serves frozen entries so callers cannot change the catalog', () => {
    const meta = getBenchmark('mmlu');
    expect(Object.isFrozen(meta)).toBe(true);
    expect(Object.isFrozen(meta?.tags)).toBe(true);
    expect(Object.isFrozen(meta?.requirements)).toBe(true);
  });
});

describe('getBenchmark and canonicalBenchmarkName', () => {
  it('treats - and _ as the same character', () => {
    expect(getBenchmark('mmlu_pro')?.name).toBe('mmlu-pro');
    expect(getBenchmark('mmlu-pro')?.name).toBe('mmlu-pro');
    expect(getBenchmark('mmlu_redux')?.name).toBe('mmlu-redux');
    expect(getBenchmark('gpqa-diamond')?.name).toBe('gpqa_diamond');
    expect(getBenchmark('mgsm-non-latin')?.name).toBe('mgsm_non_latin');
  });

  it('is otherwise case-sensitive', () => {
    expect(getBenchmark('MMLU')).toBeUndefined();
    expect(getBenchmark('GSM8K')).toBeUndefined();
    expect(getBenchmark('aime_2023_I')?.name).toBe('aime_2023_I');
    expect(getBenchmark('aime_2023_i')).toBeUndefined();
  });

  it('returns undefined for names openbench does not have', () => {
    expect(getBenchmark('arc')).toBeUndefined();
    expect(getBenchmark('')).toBeUndefined();
    expect(canonicalBenchmarkName('swe-bench')).toBeUndefined();
  });

  it('gives the name as openbench spells it', () => {
    expect(canonicalBenchmarkName('mmlu_pro')).toBe('mmlu-pro');
    expect(canonicalBenchmarkName('arc-challenge')).toBe('arc_challenge');
    expect(canonicalBenchmarkName('gsm8k')).toBe('gsm8k');
  });
});

describe('listBenchmarks', () => {
  it('lists top-level benchmarks and the surfaced subtasks by default, no alpha', () => {
    const names = listBenchmarks().map((meta) => meta.name);
    expect(names.sort()).toEqual([...OPENBENCH_TOP_LEVEL, ...SURFACED_SUBTASKS].sort());
  });

  it('adds the other subtasks with includeSubtasks', () => {
    const names = listBenchmarks({ includeSubtasks: true }).map((meta) => meta.name);
    expect(names).toEqual(expect.arrayContaining(['hle_text', 'musr_object_placements', 'aime_2025_II']));
    expect(names).not.toContain('graphwalks');
  });

  it('adds alpha benchmarks with includeAlpha', () => {
    const alpha = listBenchmarks({ includeAlpha: true }).filter((meta) => meta.alpha);
    expect(alpha.map((meta) => meta.name).sort()).toEqual([
      'graphwalks', 'graphwalks_bfs', 'graphwalks_parents', 'scicode', 'tau_bench_airline', 'tau_bench_retail',
      'tau_bench_telecom',
    ]);
  });

  it('orders featured entries first, then everything by name in code-point order', () => {
    const list = listBenchmarks({ includeSubtasks: true, includeAlpha: true });
    const featured = list.filter((meta) => meta.featured);
    const rest = list.filter((meta) => !meta.featured);
    expect(list.slice(0, featured.length)).toEqual(featured);
    const byCodePoint = (names: string[]) => [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(featured.map((meta) => meta.name)).toEqual(byCodePoint(featured.map((meta) => meta.name)));
    expect(rest.map((meta) => meta.name)).toEqual(byCodePoint(rest.map((meta) => meta.name)));
    expect(list[0].name).toBe('arc_challenge');
  });

  it('returns a fresh array each call', () => {
    const first = listBenchmarks();
    first.pop();
    expect(listBenchmarks()).toHaveLength(first.length + 1);
  });
});

describe('withRunnable and catalogView', () => {
  it('marks an entry runnable when the registry has its name in either spelling', () => {
    const mmluPro = getBenchmark('mmlu-pro') as BenchmarkMeta;
    expect(withRunnable(mmluPro, new Set(['mmlu_pro'])).runnable).toBe(true);
    expect(withRunnable(mmluPro, new Set(['mmlu-pro'])).runnable).toBe(true);
    expect(withRunnable(mmluPro, new Set(['mmlu'])).runnable).toBe(false);
    expect(withRunnable(mmluPro, new Set())).toEqual({ ...mmluPro, runnable: false });
  });

  it('does not change the catalog entry', () => {
    const gsm8k = getBenchmark('gsm8k') as BenchmarkMeta;
    withRunnable(gsm8k, new Set(['gsm8k']));
    expect(getBenchmark('gsm8k')).not.toHaveProperty('runnable');
  });

  it('annotates the listing in catalog order', () => {
    const view = catalogView(new Set(['gsm8k', 'mmlu', 'mgsm_de', 'not_in_catalog']));
    expect(view.map((meta) => meta.name)).toEqual(listBenchmarks().map((meta) => meta.name));
    expect(view.filter((meta) => meta.runnable).map((meta) => meta.name).sort()).toEqual([
      'gsm8k', 'mgsm_de', 'mmlu',
    ]);
    expect(catalogView(new Set(['graphwalks']), { includeAlpha: true }).find((m) => m.name === 'graphwalks'))
      .toMatchObject({ runnable: true, alpha: true });
  });
});
