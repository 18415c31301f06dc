/** What every generative task definition needs: its catalog entry, its `-T` arguments and its grader model. */
import type { BenchmarkEntry } from '../../catalog/benchmark.entry';
import type { TaskDefinition } from '../../types';
import type { BenchmarkTask, TaskOptions } from '../task.types';

/** A task definition but its names, which come from the catalog entry. */
export type TaskBody = Omit<TaskDefinition, 'name' | 'displayName'>;

/**
 * A benchmark from its catalog entry and a task builder. The task is named after the entry, so the CLI, the API and
 * the logs name a benchmark the same way.
 */
export function generativeTask(benchmark: BenchmarkEntry, build: (options: TaskOptions) => TaskBody): BenchmarkTask {
  return {
    benchmark,
    create: (options) => ({ name: benchmark.name, displayName: benchmark.display_name, ...build(options) }),
  };
}

/**
 * A `-T` argument the task refuses, named: one it does not take, or a value it cannot use. Hosts that check a run
 * before it starts (the API) point at the argument with it.
 */
export class TaskArgumentError extends Error {
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(message);
    this.name = 'TaskArgumentError';
  }
}

/**
 * The task's `-T` arguments with defaults filled in. An argument the task function does not take
 * is refused: Inspect would fail the same call with a TypeError, and a silently ignored
 * `-T splt=train` would evaluate the wrong split.
 */
export function taskArgs<K extends string>(
  task: string,
  options: TaskOptions,
  defaults: Readonly<Record<K, string>>,
): Record<K, string> {
  const given = options.args ?? {};
  const unknown = Object.keys(given).filter((key) => !Object.hasOwn(defaults, key));
  if (unknown.length > 0) {
    const accepted = Object.keys(defaults);
    throw new TaskArgumentError(
      unknown[0]!,
      `${task} does not accept task argument(s) ${unknown.join(', ')}; it accepts ${accepted.length > 0 ? accepted.join(', ') : 'none'}`,
    );
  }
  return { ...defaults, ...given } as Record<K, string>;
}

/** A `-T` value that must be a boolean, as Inspect passes `-T` values: "true"/"false", any case. */
export function boolArg(task: string, name: string, value: string): boolean {
  const lower = value.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new TaskArgumentError(name, `${task}: task argument ${name} must be true or false, got "${value}"`);
}

/** A `-T` value that must be a whole number, e.g. DROP's `num_examples`. */
export function intArg(task: string, name: string, value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new TaskArgumentError(name, `${task}: task argument ${name} must be a non-negative integer, got "${value}"`);
  return Number(value.trim());
}

/**
 * The grader of a model-graded task: `TaskOptions.graderModel` (the run's grader role), else the
 * `grader_model` task argument, else openbench's default for the task.
 */
export function graderModelFor(options: TaskOptions, args: { grader_model: string }): string {
  return options.graderModel ?? args.grader_model;
}
