/**
 * Replays test/vectors/deep-research/deep-research-vectors.json, written by running openbench's own deep_research_bench
 * code with scripted judges (see the generator beside it): every judge / model / scraper call with its exact prompt, in
 * order, every sleep, the solver's metadata fields in order, the Score and the metrics must be upstream's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReducedScore } from '../../../types';
import {
  collectCitations,
  DEEP_RESEARCH_METRICS,
  deepResearchScore,
  evaluateResearchArticle,
  extractEmbeddedCitations,
  extractJsonFromMarkdown,
  formatCitationSection,
  formatCriteriaList,
  type CitationAnnotation,
  type DeepResearchCriteria,
  type DeepResearchIo,
  type DeepResearchScraper,
  type ScrapeResult,
} from './index';
import { jsonLoads } from './deep-research-python.util';

type Scripted<T> = T | { raise: string };

interface CaseVector {
  name: string;
  input: {
    completion: string;
    prompt: string;
    language: string;
    task_id: number;
    criteria: DeepResearchCriteria | null;
    reference: string | null;
    race: Scripted<string>[];
    fact: Scripted<string>[];
    model: Scripted<string>[];
    scrape: Scripted<ScrapeResult>[];
    sleep_raises: string | null;
    provider_citations: string[];
    provider_annotations: CitationAnnotation[];
  };
  calls: [string, number][];
  sleeps_ms: number[];
  metadata: [string, unknown][];
  score: unknown;
}

interface Vectors {
  prompts: string[];
  cases: CaseVector[];
  scorer: { completion: string; metadata: Record<string, unknown>; score: unknown }[];
  metrics: { metadatas: Record<string, unknown>[]; values: Record<string, unknown> }[];
  extract_json: ({ text: string; result: string | null } | { text: string; raises: string })[];
  citations: {
    text: string;
    citations: string[];
    annotations: CitationAnnotation[];
    embedded: string[];
    unique: string[];
    unique_annotations: CitationAnnotation[];
    section: string;
  }[];
  json_errors: { text: string; error: string | null }[];
  criteria_list: string[];
}

const FLOATS: Record<string, number> = { nan: Number.NaN, inf: Infinity, '-inf': -Infinity };

/** The generator writes non-finite floats as `{"$float": "nan" | "inf" | "-inf"}`. */
function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (Object.keys(record).length === 1 && typeof record.$float === 'string') return FLOATS[record.$float];
    return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, decode(item)]));
  }
  return value;
}

const VECTORS = decode(
  JSON.parse(readFileSync(join(__dirname, '../../../../test/vectors/deep-research/deep-research-vectors.json'), 'utf8')),
) as Vectors;

function scriptedIo(vector: CaseVector) {
  const scripts = {
    race: [...vector.input.race],
    fact: [...vector.input.fact],
    model: [...vector.input.model],
    scrape: [...vector.input.scrape],
  };
  const calls: [string, string][] = [];
  const sleeps: number[] = [];
  const answer = <T>(kind: keyof typeof scripts, prompt: string): Promise<T> => {
    calls.push([kind, prompt]);
    const item = (scripts[kind] as Scripted<T>[]).shift();
    if (item === undefined) throw new Error(`${kind} script exhausted`);
    if (item !== null && typeof item === 'object' && 'raise' in item) return Promise.reject(new Error(item.raise));
    return Promise.resolve(item as T);
  };
  const io: DeepResearchIo & DeepResearchScraper = {
    raceJudge: (prompt) => answer('race', prompt),
    factJudge: (prompt) => answer('fact', prompt),
    modelUnderTest: (prompt) => answer('model', prompt),
    scrape: (url) => answer('scrape', url),
    sleep: async (ms) => {
      sleeps.push(ms);
      if (vector.input.sleep_raises !== null) throw new Error(vector.input.sleep_raises);
    },
  };
  return { io, calls, sleeps, scripts };
}

describe('deep_research_bench against openbench (solver, RACE, FACT, scorer)', () => {
  it.each(VECTORS.cases.map((vector) => [vector.name, vector] as const))('%s', async (_name, vector) => {
    const { io, calls, sleeps, scripts } = scriptedIo(vector);
    const { input } = vector;
    const metadata = await evaluateResearchArticle(
      {
        completion: input.completion,
        prompt: input.prompt,
        language: input.language,
        criteria: input.criteria ?? undefined,
        referenceArticle: input.reference ?? undefined,
        citations: input.provider_citations,
        annotations: input.provider_annotations,
      },
      io,
    );
    const expectedCalls = vector.calls.map(([kind, index]) => [kind, VECTORS.prompts[index]]);
    expect(calls.map(([kind]) => kind)).toEqual(expectedCalls.map(([kind]) => kind));
    calls.forEach((call, index) => expect(call).toEqual(expectedCalls[index]));
    expect(sleeps).toEqual(vector.sleeps_ms);
    expect(Object.values(scripts).every((script) => script.length === 0)).toBe(true);
    expect(Object.entries(metadata)).toEqual(vector.metadata);

    const stateMetadata = { task_id: input.task_id, topic: 'Finance', language: input.language, ...metadata };
    expect(deepResearchScore(input.completion, stateMetadata)).toEqual(vector.score);
  });
});

describe('deep_research_scorer on odd metadata', () => {
  it.each(VECTORS.scorer.map((vector, index) => [index, vector] as const))('case %i', (_index, vector) => {
    expect(deepResearchScore(vector.completion, vector.metadata)).toEqual(vector.score);
  });
});

describe('deep_research_bench metrics', () => {
  it.each(VECTORS.metrics.map((vector, index) => [index, vector] as const))('case %i', (_index, vector) => {
    const scores: ReducedScore[] = vector.metadatas.map((metadata, index) => ({ sample_id: index, value: 0, score: { value: 0, metadata } }));
    const values = Object.fromEntries(DEEP_RESEARCH_METRICS.map((metric) => [metric.name, metric.compute(scores)]));
    expect(values).toEqual(vector.values);
  });
});

describe('extract_json_from_markdown', () => {
  it.each(VECTORS.extract_json.map((vector) => [vector.text.slice(0, 40), vector] as const))('%j', (_text, vector) => {
    if ('raises' in vector) expect(() => extractJsonFromMarkdown(vector.text)).toThrow(vector.raises.replace(/^ValueError: /, ''));
    else expect(extractJsonFromMarkdown(vector.text)).toBe(vector.result);
  });
});

describe('citations found in the article', () => {
  it.each(VECTORS.citations.map((vector) => [vector.text.slice(0, 40), vector] as const))('%j', (_text, vector) => {
    expect(extractEmbeddedCitations(vector.text)).toEqual(vector.embedded);
    const found = collectCitations(vector.text, vector.citations, vector.annotations);
    expect(found).toEqual({ citations: vector.unique, annotations: vector.unique_annotations });
    expect(formatCitationSection(found.citations, found.annotations)).toBe(vector.section);
  });
});

describe('json.loads errors (their str() ends up in fact_error)', () => {
  it.each(VECTORS.json_errors.map((vector) => [vector.text, vector] as const))('%j', (_text, vector) => {
    let error: string | null = null;
    try {
      jsonLoads(vector.text);
    } catch (caught) {
      error = (caught as Error).message;
    }
    expect(error).toBe(vector.error);
  });
});

describe('format_criteria_list', () => {
  it('writes both criteria rows as upstream (json.dumps, ensure_ascii=False, indent=2)', () => {
    const rows = ['en_full_pipeline', 'zh_fuzzy_criteria'].map(
      (name) => VECTORS.cases.find((vector) => vector.name === name)?.input.criteria as DeepResearchCriteria,
    );
    expect(rows.map(formatCriteriaList)).toEqual(VECTORS.criteria_list);
  });
});
