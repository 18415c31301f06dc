import { runnableTaskNames } from '@studio/engine';

/** The benchmarks this build's engine runs (task registry names), read once. */
export const RUNNABLE_BENCHMARKS: ReadonlySet<string> = new Set(runnableTaskNames());
