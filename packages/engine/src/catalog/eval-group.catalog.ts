/**
 * openbench's eval groups as Studio serves and runs them. A group is runnable only when every member is: openbench
 * refuses `bench eval <group>` when a member cannot be loaded, and a summary over some of the members would not be the
 * group's summary. Each member that cannot run carries its catalog reason.
 */
import { getBenchmark, withRunnable } from './benchmark.catalog';
import { indexByBenchmarkKey, benchmarkKey } from './benchmark.entry';
import { EVAL_GROUPS, type EvalGroupEntry } from './eval-groups.data';
import { NOT_PORTED, UNREGISTERED_MEMBERS } from './not-runnable.reasons';

export interface EvalGroupMember {
  /** The member's key as the group lists it. */
  readonly name: string;
  /** The catalog's display name; null for a member this catalog does not list. */
  readonly display_name: string | null;
  readonly runnable: boolean;
  /** Why it cannot run here; absent when runnable. */
  readonly reason?: string;
}

/** A group as `GET /api/benchmark-groups` serves it (snake_case, served as-is). */
export interface EvalGroupView {
  /** openbench's group key, e.g. `mgsm` (`-` and `_` are interchangeable). */
  readonly name: string;
  /** openbench's display name, the title of the group summary. */
  readonly display_name: string;
  readonly description: string;
  /** In openbench's order. */
  readonly members: readonly EvalGroupMember[];
  /** True when every member is runnable. */
  readonly runnable: boolean;
  readonly runnable_members: number;
  /** Why the group cannot run; absent when runnable. */
  readonly reason?: string;
}

const BY_KEY = indexByBenchmarkKey(EVAL_GROUPS, (group) => group.key);

/** The group `name` names (`expand_eval_groups` tries it with `_` and with `-`); undefined when it is no group. */
export function getEvalGroup(name: string): EvalGroupEntry | undefined {
  return BY_KEY.get(benchmarkKey(name));
}

/** Every group, in openbench's order. */
export function listEvalGroups(): readonly EvalGroupEntry[] {
  return EVAL_GROUPS;
}

function member(group: string, name: string, runnable: ReadonlySet<string>): EvalGroupMember {
  const meta = getBenchmark(name);
  if (!meta) return { name, display_name: null, runnable: false, reason: UNREGISTERED_MEMBERS[group] ?? NOT_PORTED };
  const found = withRunnable(meta, runnable);
  return found.runnable
    ? { name, display_name: meta.display_name, runnable: true }
    : { name, display_name: meta.display_name, runnable: false, reason: meta.reason ?? NOT_PORTED };
}

/** The group with each member marked runnable or not against the task registry's names. */
export function evalGroupView(group: EvalGroupEntry, runnable: ReadonlySet<string>): EvalGroupView {
  const members = group.members.map((name) => member(group.key, name, runnable));
  const ready = members.filter((m) => m.runnable).length;
  const missing = members.length - ready;
  return {
    name: group.key,
    display_name: group.name,
    description: group.description,
    members,
    runnable: missing === 0,
    runnable_members: ready,
    ...(missing === 0
      ? {}
      : { reason: `${missing} of ${members.length} members cannot run here (each member says why); a group runs only whole, as in openbench` }),
  };
}
