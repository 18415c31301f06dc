/**
 * The catalog entries of the openbench benchmarks this engine has no task for, transcribed rather than invented
 * (sources in `benchmark.entry.ts`). They are served with `runnable: false`. A benchmark the engine runs has its
 * entry in its task file instead (`src/tasks/**`): making one of these runnable moves its entry there.
 */
import { subtaskOf, type BenchmarkEntry } from './benchmark.entry';

const GPT_4_1_MINI = 'openai/gpt-4.1-mini-2025-04-14';

const TOP_LEVEL: readonly BenchmarkEntry[] = [
  {
    name: 'exercism',
    display_name: 'Exercism',
    category: 'core',
    description:
      'Multi-language coding benchmark with real-world programming exercises across Python, Go, JavaScript, Java, and Rust',
    tags: ['coding', 'multi-language', 'execution', 'docker'],
    sample_count: null,
    dataset: { source: 'hf:lvogel123/exercism' },
    // A CLI code agent (codex, aider, opencode, claude_code, roo) edits the exercise in Docker; unit tests score it.
    scorer: 'unit tests (code agent in Docker)',
    requirements: { code_execution: true },
  },
  {
    name: 'livemcpbench',
    display_name: 'LiveMCPBench',
    category: 'core',
    description:
      'Benchmark for evaluating LLM agents on real-world tasks using the Model Context Protocol (MCP) - 95 tasks across different categories',
    tags: ['mcp', 'agents', 'real-world', 'tools', 'graded'],
    sample_count: 95, // openbench's description
    dataset: { source: 'hf:ICIP/LiveMCPBench' },
    scorer: 'MCP agent + LLM judge',
    requirements: { function_calling: true, grader_model: GPT_4_1_MINI },
  },
  {
    name: 'cybench',
    display_name: 'CyBench',
    category: 'domain-specific',
    description: 'CyBench: Cybersecurity CTF challenges benchmark',
    tags: ['cybersecurity', 'ctf', 'challenges', 'graded'],
    sample_count: null,
    // Registered in openbench's config, but the task module ships in the separate openbench-cyber plugin.
    dataset: { source: 'openbench-cyber plugin' },
    scorer: 'defined by the openbench-cyber plugin',
    // CyBench's CTF challenges are solved by a tool-calling agent running commands in a sandbox.
    requirements: { code_execution: true, function_calling: true },
  },
  {
    name: 'agentdojo',
    display_name: 'AgentDojo',
    category: 'ethics-social',
    description:
      'AgentDojo - Evaluates AI robustness against prompt injection attacks from untrusted data and tools',
    tags: ['safety', 'prompt-injection', 'adversarial', 'agents'],
    sample_count: null,
    dataset: { source: 'task suites bundled with openbench (evals/agentdojo)' },
    scorer: 'agent utility and security checks',
    requirements: { function_calling: true },
  },
];

/** A top-level entry above, as the family of its subtasks below. */
function family(name: string): BenchmarkEntry {
  const entry = TOP_LEVEL.find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`benchmark catalog: unknown parent family ${name}`);
  return entry;
}

const SUBTASKS: readonly BenchmarkEntry[] = [
  ...(['python', 'javascript', 'go', 'java', 'rust'] as const).map((language) => {
    const title = { python: 'Python', javascript: 'JavaScript', go: 'Go', java: 'Java', rust: 'Rust' }[language];
    return subtaskOf(family('exercism'), {
      name: `exercism_${language}`,
      display_name: `Exercism (${title})`,
      category: 'core',
      description: `${title} coding tasks from the Exercism benchmark`,
      tags: ['coding', language, 'execution', 'docker'],
      sample_count: null,
    });
  }),
];

const TAU2_BENCH = { source: 'git:sierra-research/tau2-bench' };

/** Experimental benchmarks: openbench lists them only with `--alpha`. */
const ALPHA: readonly BenchmarkEntry[] = [
  {
    name: 'tau_bench_retail',
    display_name: 'TauBench Retail',
    category: 'agents',
    description: 'Tau-bench dual-control customer support simulation in the retail domain.',
    tags: ['agents', 'tools', 'graded'],
    sample_count: null,
    dataset: TAU2_BENCH,
    scorer: 'agent reward (simulated user)',
    requirements: { function_calling: true },
    group: 'tau_bench',
    alpha: true,
  },
  {
    name: 'tau_bench_airline',
    display_name: 'TauBench Airline',
    category: 'agents',
    description: 'Tau-bench airline operations benchmark with simulated users and shared tools.',
    tags: ['agents', 'tools', 'graded'],
    sample_count: null,
    dataset: TAU2_BENCH,
    scorer: 'agent reward (simulated user)',
    requirements: { function_calling: true },
    group: 'tau_bench',
    alpha: true,
  },
  {
    name: 'tau_bench_telecom',
    display_name: 'TauBench Telecom',
    category: 'agents',
    description: 'Tau-bench telecom troubleshooting scenarios exercising complex tool flows.',
    tags: ['agents', 'tools', 'graded'],
    sample_count: null,
    dataset: TAU2_BENCH,
    scorer: 'agent reward (simulated user)',
    requirements: { function_calling: true },
    group: 'tau_bench',
    alpha: true,
  },
];

export const BENCHMARKS_WITHOUT_TASK: readonly BenchmarkEntry[] = [...TOP_LEVEL, ...SUBTASKS, ...ALPHA];
