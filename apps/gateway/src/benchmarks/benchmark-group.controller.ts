import { Controller, Get, OperationId, Path, Query, Response, Route, Tags } from '@tsoa/runtime';
import type { ErrorBody } from '@studio/contracts';
import { evalGroupView, getEvalGroup, listEvalGroups } from '@studio/engine';
import { AppError } from '../errors/app-error';
import { RUNNABLE_BENCHMARKS } from './runnable-benchmarks';

export interface BenchmarkGroupMember {
  /** The member's benchmark key (`GET /api/benchmarks/{name}`). */
  name: string;
  /** The catalog's display name; null for a member the catalog does not list. */
  display_name: string | null;
  runnable: boolean;
  /** Why it cannot run here; absent when runnable. */
  reason?: string;
}

export interface BenchmarkGroup {
  /** openbench's group key, e.g. `mgsm` (`-` and `_` are interchangeable). A group may share its key with a benchmark. */
  name: string;
  /** openbench's display name, the title of the group summary. */
  display_name: string;
  description: string;
  /** In openbench's order. */
  members: BenchmarkGroupMember[];
  /** True when every member is runnable: a group runs only whole, as openbench runs it. */
  runnable: boolean;
  runnable_members: number;
  /** Why the group cannot run; absent when runnable. */
  reason?: string;
}

@Route('benchmark-groups')
@Tags('Benchmarks')
export class BenchmarkGroupController extends Controller {
  /**
   * openbench's 29 eval groups (`bench eval bbh`, `mgsm`, …) in openbench's order, each with its members and whether
   * this engine runs each one; a group is runnable when all its members are. Run one with `POST /api/suites` and
   * `group`: the suite reports each member and the group summary.
   * @param runnable_only Only groups this engine can run.
   * @summary List eval groups
   */
  @Get()
  @OperationId('listBenchmarkGroups')
  public list(@Query() runnable_only?: boolean): BenchmarkGroup[] {
    this.setHeader('Cache-Control', 'public, max-age=300');
    const all = listEvalGroups().map((group) => evalGroupView(group, RUNNABLE_BENCHMARKS) as unknown as BenchmarkGroup);
    return runnable_only ? all.filter((g) => g.runnable) : all;
  }

  /**
   * One eval group by its openbench key (`-` and `_` are interchangeable).
   * @summary Get an eval group
   */
  @Get('{name}')
  @Response<ErrorBody>(404, 'RESOURCE_NOT_FOUND')
  @OperationId('getBenchmarkGroup')
  public get(@Path() name: string): BenchmarkGroup {
    const group = getEvalGroup(name);
    if (!group) throw new AppError('RESOURCE_NOT_FOUND', `Eval group "${name}" not found`);
    this.setHeader('Cache-Control', 'public, max-age=300');
    return evalGroupView(group, RUNNABLE_BENCHMARKS) as unknown as BenchmarkGroup;
  }
}
