/**
 * Why a catalog entry is `runnable: false`, as `GET /api/benchmarks` serves it in `reason`. A benchmark that needs
 * something this engine does not have (an agent harness, a container, tools, outside services) says so by name; the
 * others are not ported yet.
 */
import type { BenchmarkEntry } from './benchmark.entry';

const AGENT_HARNESS = 'Needs an agent harness (multi-turn tool use with a simulated user), which this engine does not run';
const CODE_AGENT_IN_DOCKER = 'Needs a code agent (codex, aider, …) editing the exercise inside a Docker container';
const CONTAINER_AND_TOOLS = 'Needs Docker containers and tool calling (capture-the-flag agent)';
const TOOLS = 'Needs tool calling against a tool environment (function calling, MCP servers)';

/** Entries whose reason is not the one their requirements imply; subtasks inherit their group's. */
const EXPLICIT: Readonly<Record<string, string>> = {
  agentdojo: TOOLS,
  livemcpbench: TOOLS,
  cybench: CONTAINER_AND_TOOLS,
  exercism: CODE_AGENT_IN_DOCKER,
  tau_bench: AGENT_HARNESS,
};

export const NOT_PORTED = 'Not ported to this engine yet';

/**
 * Eval groups whose members openbench itself does not register: config.py names them only in `EVAL_GROUPS`, with no
 * `BenchmarkMetadata` and no module under `src/openbench/evals`, so `bench eval` cannot run them either.
 */
export const UNREGISTERED_MEMBERS: Readonly<Record<string, string>> = {
  cti_bench:
    "Not an openbench benchmark: openbench's config.py lists it only in the cti_bench eval group and has no eval for it (CTI-Bench ships in the separate openbench-cyber plugin, whose code and data are not part of openbench)",
};

/** The reason an entry without a task cannot run. */
export function notRunnableReason(entry: BenchmarkEntry): string {
  const explicit = EXPLICIT[entry.name] ?? (entry.group === undefined ? undefined : EXPLICIT[entry.group]);
  if (explicit !== undefined) return explicit;
  if (entry.requirements?.function_calling) return TOOLS;
  return NOT_PORTED;
}
