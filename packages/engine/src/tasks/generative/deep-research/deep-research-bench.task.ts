/**
 * openbench `deep_research_bench` (`evals/deep_research_bench.py`, `datasets/deep_research_bench.py`): the model
 * writes a research article for each query; the solver then scores it as upstream's does, RACE (article quality
 * against a reference article, judged by Gemini 2.5 Pro) and FACT (each citation checked against the page Jina's
 * reader returns, judged by Gemini 2.5 Flash), and the scorer reads the solver's metadata. The pure pipelines are in
 * this folder's other files; here are the datasets, the judges, Jina and the model under test as their I/O.
 */
import type { DatasetRecord } from '@studio/datasets';
import { isFatalProviderError, type ChatMessage, type GenerateConfig, type GenerateResult } from '@studio/providers';
import type { BenchmarkEntry } from '../../../catalog/benchmark.entry';
import type { DatasetContext, Generator, Sample, Scorer, Solver, TaskDataset } from '../../../types';
import { hfParquetShard } from '../../shared/hf-parquet.source';
import type { BenchmarkTask } from '../../task.types';
import { fileDataset, recordGet } from '../record-dataset.util';
import { generativeTask, taskArgs } from '../task-definition.util';
import { DEEP_RESEARCH_METRICS, deepResearchScore } from './deep-research.scorer';
import { evaluateResearchArticle } from './deep-research.solver';
import type { DeepResearchCriteria, DeepResearchIo, DeepResearchScraper } from './deep-research.types';

export const DEEP_RESEARCH_REPOS = {
  query: 'lee64/deepresearch-bench-query',
  criteria: 'lee64/deepresearch-bench-criteria',
  referenceClean: 'lee64/deepresearch-bench-reference-clean',
} as const;

/** `RACEEvaluatorLLM.model` and `FACTEvaluatorLLM.model`, as openbench hard-codes them. */
export const DEEP_RESEARCH_JUDGES = {
  race: 'google/gemini-2.5-pro-preview-06-05',
  fact: 'google/gemini-2.5-flash-preview-05-20',
} as const;

/** Jina's reader fetches each cited page for FACT, with the run owner's Jina key. */
const DEEP_RESEARCH_SERVICES = ['jina'] as const;

/** The judges' `GenerateContentConfig(thinking_config=ThinkingConfig(thinking_budget=16000))`, nothing else. */
export const DEEP_RESEARCH_JUDGE_CONFIG: GenerateConfig = { reasoning_tokens: 16_000 };

/** `query_to_sample`: the id as a string, the numeric id as `task_id`. */
export function deepResearchQuerySample(record: DatasetRecord): Sample {
  return {
    id: String(record.id),
    input: record.prompt as string,
    target: '',
    metadata: { task_id: record.id, topic: record.topic, language: recordGet(record, 'language', 'en') },
  };
}

/**
 * What RACE looks up by task id (`get_criteria`, `get_reference_clean`): the criteria sample's metadata (without an
 * `id`, so upstream's messages say "ID: Unknown") and the reference article (the sample's target).
 */
export interface DeepResearchReferences {
  criteria: Map<unknown, DeepResearchCriteria>;
  references: Map<unknown, string>;
}

async function loadReferences(ctx: DatasetContext): Promise<DeepResearchReferences> {
  const [criteria, references] = await Promise.all([
    fileDataset('deepresearch-bench-criteria', DEEP_RESEARCH_REPOS.criteria, hfParquetShard(DEEP_RESEARCH_REPOS.criteria, 'default', 'train'), (r) => ({
      id: String(r.id),
      input: r.prompt as string,
      target: '',
      metadata: { task_id: r.id, prompt: r.prompt, dimension_weight: r.dimension_weight, criterions: r.criterions },
    })).load(ctx),
    fileDataset('deepresearch-bench-reference-clean', DEEP_RESEARCH_REPOS.referenceClean, hfParquetShard(DEEP_RESEARCH_REPOS.referenceClean, 'default', 'train'), (r) => ({
      id: String(r.id),
      input: r.prompt as string,
      target: r.article as string,
      metadata: { task_id: r.id },
    })).load(ctx),
  ]);
  // Later rows win, as upstream's dict comprehension over the dataset.
  return {
    criteria: new Map(criteria.map((s) => [s.metadata!.task_id, s.metadata as unknown as DeepResearchCriteria])),
    references: new Map(references.map((s) => [s.metadata!.task_id, s.target as string])),
  };
}

/**
 * The queries; the criteria and reference articles are read with them (upstream reads them inside RACE, once per
 * sample) and kept for this task's solver, so a run downloads each dataset once and a missing one fails the run
 * before any model call.
 */
function deepResearchDataset(held: { references?: DeepResearchReferences }): TaskDataset {
  const queries = fileDataset('deepresearch-bench-query', DEEP_RESEARCH_REPOS.query, hfParquetShard(DEEP_RESEARCH_REPOS.query, 'default', 'train'), deepResearchQuerySample);
  return {
    ...queries,
    async load(ctx) {
      const [samples, references] = await Promise.all([queries.load(ctx), loadReferences(ctx)]);
      held.references = references;
      return samples;
    },
  };
}

/**
 * The pipelines catch every error, as upstream's do; a fatal provider error (a bad key, an unknown model) is kept
 * here and thrown once they return, so that it ends the run as it does for any other task instead of every sample
 * scoring 0 after its retries. Once one is seen, the pipelines' further calls fail at once and their sleeps end.
 */
class FatalErrorLatch {
  private error: unknown;

  get seen(): boolean {
    return this.error !== undefined;
  }

  /** Runs `call` unless a fatal error was seen (then throws it), remembering the first fatal error. */
  async guard<T>(call: () => Promise<T>): Promise<T> {
    this.rethrow();
    try {
      return await call();
    } catch (err) {
      if (isFatalProviderError(err)) this.error ??= err;
      throw err;
    }
  }

  rethrow(): void {
    if (this.error !== undefined) throw this.error;
  }
}

/** Upstream's evaluator `generate`: the text of one Gemini call; any failure carries upstream's prefix. */
async function judgeText(judge: Generator, userPrompt: string, systemPrompt: string | undefined, fatal: FatalErrorLatch, signal: AbortSignal | undefined): Promise<string> {
  const messages: ChatMessage[] = systemPrompt ? [{ role: 'system', content: systemPrompt }] : [];
  messages.push({ role: 'user', content: userPrompt });
  try {
    return (await fatal.guard(() => judge.generate(messages, DEEP_RESEARCH_JUDGE_CONFIG, signal))).completion;
  } catch (err) {
    throw new Error(`Failed to generate content with evaluator: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** `asyncio.sleep`, cut short when the run is cancelled. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * `deep_research_solver`: `generate(state)`, then the pipelines. The chunked cleaning fallback calls the model under
 * test again with a cleaning prompt alone, and, as upstream's `generate(state)` does, its output becomes the sample's
 * output (the messages are restored).
 */
function deepResearchSolver(held: { references?: DeepResearchReferences }): Solver {
  return {
    name: 'deep_research_solver',
    params: {},
    async solve({ sample, messages, generate, judges, services, signal }) {
      const { race, fact } = judges ?? {};
      const jina = services?.jina;
      if (!race || !fact || !jina) throw new Error('deep_research_bench needs its RACE and FACT judges and the Jina reader');
      let output: GenerateResult = await generate(messages);
      const fatal = new FatalErrorLatch();
      const io: DeepResearchIo & DeepResearchScraper = {
        raceJudge: (user, system) => judgeText(race, user, system, fatal, signal),
        factJudge: (user, system) => judgeText(fact, user, system, fatal, signal),
        async modelUnderTest(userPrompt) {
          output = await fatal.guard(() => generate([{ role: 'user', content: userPrompt }]));
          return output.completion;
        },
        sleep: (ms) => (fatal.seen ? Promise.resolve() : sleep(ms, signal)),
        scrape: (url) => jina.scrape(url, signal),
      };
      const taskId = sample.metadata?.task_id;
      const article = output.completion;
      const metadata = await evaluateResearchArticle(
        {
          completion: article,
          prompt: sample.input as string,
          language: (sample.metadata?.language as string | undefined) ?? 'en',
          criteria: held.references?.criteria.get(taskId),
          referenceArticle: held.references?.references.get(taskId),
        },
        io,
      );
      fatal.rethrow();
      return { output, messages: [...messages, { role: 'assistant', content: article }], metadata };
    },
  };
}

const deepResearchScorer: Scorer = {
  name: 'deep_research_scorer',
  score: async ({ completion, sample }) => deepResearchScore(completion, sample.metadata ?? {}),
};

const DEEP_RESEARCH_BENCH: BenchmarkEntry = {
  name: 'deep_research_bench',
  display_name: 'DeepResearch Bench',
  category: 'core',
  description: 'A comprehensive benchmark for evaluating Deep Research Agents',
  tags: ['research', 'long-form', 'multilingual'],
  sample_count: null,
  dataset: { source: `hf:${DEEP_RESEARCH_REPOS.query}` },
  // Judged by two fixed Gemini models (RACE article quality, FACT citations) with the run owner's Google key, and
  // Jina's reader with their Jina key; openbench hard-codes the judges, so grader_model stays null.
  scorer: 'LLM judge (RACE + FACT)',
  requirements: { judges: DEEP_RESEARCH_JUDGES, scoring_services: DEEP_RESEARCH_SERVICES },
};

export const deepResearchBenchTask: BenchmarkTask = generativeTask(DEEP_RESEARCH_BENCH, (options) => {
  taskArgs(DEEP_RESEARCH_BENCH.name, options, {});
  const held: { references?: DeepResearchReferences } = {};
  return {
    dataset: deepResearchDataset(held),
    solver: deepResearchSolver(held),
    // As specified in the DeepResearch Bench paper (upstream's comment).
    config: { max_tokens: 36_000 },
    scorer: deepResearchScorer,
    metrics: [...DEEP_RESEARCH_METRICS],
    judges: DEEP_RESEARCH_JUDGES,
    services: DEEP_RESEARCH_SERVICES,
  };
});
