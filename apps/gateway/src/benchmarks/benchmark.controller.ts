import { Controller, Get, Path, Query, Response, Route, Tags, OperationId } from '@tsoa/runtime';
import type { ErrorBody } from '@studio/contracts';
import { catalogView, getBenchmark, withRunnable } from '@studio/engine';
import { AppError } from '../errors/app-error';
import { RUNNABLE_BENCHMARKS as runnable } from './runnable-benchmarks';

export interface BenchmarkRequirements {
  vision: boolean;
  code_execution: boolean;
  function_calling: boolean;
  min_context_length: number | null;
  /** Default grader model for model-graded benchmarks (`provider/model`). */
  grader_model: string | null;
  /** Fixed judge models by role (`provider/model`), called with your keys (deep_research_bench); null when none. */
  judges: { [role: string]: string } | null;
  /**
   * Outside scoring services called with your saved key (`/api/service-keys/{service}`): `perspective` for
   * polyglotoxicity, `jina` for deep_research_bench; null when none.
   */
  scoring_services: string[] | null;
}

export interface Benchmark {
  /** openbench key, e.g. `mmlu`, `mmlu-pro` (`mmlu_pro` also resolves). */
  name: string;
  display_name: string;
  category: string;
  description: string;
  description_short: string;
  tags: string[];
  /** Size of the split the benchmark evaluates; null when not verified. */
  sample_count: number | null;
  dataset: { source: string; subset?: string; split?: string };
  scorer: string;
  requirements: BenchmarkRequirements;
  subtask: boolean;
  group?: string;
  alpha: boolean;
  featured: boolean;
  /** True when this Studio's engine can run it. */
  runnable: boolean;
  /** Why it is not runnable (an agent harness, a container, tools, images, not ported yet); absent when runnable. */
  reason?: string;
}

@Route('benchmarks')
@Tags('Benchmarks')
export class BenchmarkController extends Controller {
  /**
   * The benchmark catalog (the 98 top-level openbench benchmarks plus runnable subtasks), featured
   * first. `runnable` tells which ones this engine executes.
   * @param include_subtasks Also list subtasks that are hidden by default.
   * @param include_alpha Also list openbench's alpha benchmarks.
   * @param runnable_only Only benchmarks this engine can run.
   * @summary List benchmarks
   */
  @Get()
  @OperationId('listBenchmarks')
  public list(
    @Query() include_subtasks?: boolean,
    @Query() include_alpha?: boolean,
    @Query() runnable_only?: boolean,
  ): Benchmark[] {
    this.setHeader('Cache-Control', 'public, max-age=300');
    const all = catalogView(runnable, { includeSubtasks: include_subtasks, includeAlpha: include_alpha }) as unknown as Benchmark[];
    return runnable_only ? all.filter((b) => b.runnable) : all;
  }

  /**
   * One benchmark by its openbench key (`-` and `_` are interchangeable).
   * @summary Get a benchmark
   */
  @Get('{name}')
  @Response<ErrorBody>(404, 'RESOURCE_NOT_FOUND')
  @OperationId('getBenchmark')
  public get(@Path() name: string): Benchmark {
    const meta = getBenchmark(name);
    if (!meta) throw new AppError('RESOURCE_NOT_FOUND', `Benchmark "${name}" not found`);
    this.setHeader('Cache-Control', 'public, max-age=300');
    return withRunnable(meta, runnable) as unknown as Benchmark;
  }
}
