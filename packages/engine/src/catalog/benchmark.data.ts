/**
 * The catalog entries of the openbench benchmarks this engine has no task for, transcribed rather than invented
 * (sources in `benchmark.entry.ts`). They are served with `runnable: false`. A benchmark the engine runs has its
 * entry in its task file instead (`src/tasks/**`): making one of these runnable moves its entry there.
 */
import {
  MULTIPLE_CHOICE_KNOWLEDGE,
  SCORER,
  subtaskOf,
  type BenchmarkEntry,
} from './benchmark.entry';

const MCQ = SCORER.mcq;
const CODE_EXECUTION = SCORER.codeExecution;

const GPT_4_1 = 'openai/gpt-4.1-2025-04-14';
const GPT_4_1_MINI = 'openai/gpt-4.1-mini-2025-04-14';

/**
 * Studio's long-context threshold (Studio's `BENCHMARK_REQUIREMENTS` uses 128000 for needle-style sets).
 * MRCR and GraphWalks prompts run up to about a million tokens, so smaller windows overflow most samples.
 */
const LONG_CONTEXT = 128_000;

const TOP_LEVEL: readonly BenchmarkEntry[] = [
  {
    name: 'agieval',
    display_name: 'AGIEval (All Subsets)',
    category: 'agieval',
    description:
      'Human-centric benchmark with 17 official qualifying exam questions testing general cognitive abilities',
    tags: ['multiple-choice', 'academic-exams', 'reasoning', 'cognitive-abilities'],
    sample_count: null,
    dataset: { source: 'hf:dmayhem93/agieval-* (17 subsets)' },
    scorer: MCQ,
  },
  {
    name: 'tumlu',
    display_name: 'TUMLU',
    category: 'community',
    description:
      'TUMLU is a comprehensive, multilingual, and natively developed language understanding benchmark specifically designed for Turkic languages.',
    tags: ['factuality', 'question-answering', 'multiple-choice', 'reasoning'],
    sample_count: null,
    dataset: { source: 'hf:jafarisbarov/TUMLU-mini' },
    scorer: MCQ,
  },
  {
    name: 'arc_agi',
    display_name: 'ARC-AGI',
    category: 'core',
    description:
      'Abstraction and Reasoning Corpus for Artificial General Intelligence; specify version with -T version=1 or version=2',
    tags: ['reasoning', 'pattern-recognition', 'abstract-reasoning', 'visual', 'logic', 'agi'],
    sample_count: null,
    dataset: { source: 'hf:lee64/arc-agi-evaluation' },
    scorer: 'exact grid match',
  },
  {
    name: 'chartqapro',
    display_name: 'ChartQAPro',
    category: 'core',
    description:
      'Comprehensive chart understanding benchmark with 1,948 samples testing vision-language models across 5 question types (Factoid, Multi Choice, Hypothetical, Fact Checking, Conversational) with support for direct, CoT, and PoT prompting strategies',
    tags: ['vision', 'multi-modal', 'charts', 'reasoning', 'multi-turn'],
    sample_count: 1948, // openbench's description
    dataset: { source: 'hf:ahmed-masry/ChartQAPro' },
    scorer: 'ChartQAPro relaxed accuracy',
    requirements: { vision: true },
  },
  {
    name: 'deep_research_bench',
    display_name: 'DeepResearch Bench',
    category: 'core',
    description: 'A comprehensive benchmark for evaluating Deep Research Agents',
    tags: ['research', 'long-form', 'multilingual'],
    sample_count: null,
    dataset: { source: 'hf:lee64/deepresearch-bench-query' },
    // Judged by Gemini (RACE article quality) and Jina-backed citation checks (FACT); openbench requires
    // GEMINI_API_KEY and JINA_API_KEY rather than a configurable grader model, so grader_model stays null.
    scorer: 'LLM judge (RACE + FACT)',
  },
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
  // Not runnable yet: openbench's 58 IFBench instructions (src/openbench/ifbench/) need NLTK's POS tagger (a trained
  // perceptron model), emoji and syllapy, which are not ported (see packages/engine/README.md).
  {
    name: 'ifbench',
    display_name: 'IFBench',
    category: 'core',
    description:
      'Out-of-distribution instruction following with strict and loose scoring over challenging constraints',
    tags: ['instruction-following', 'constraints', 'formatting', 'ood'],
    sample_count: null,
    dataset: { source: 'hf:allenai/IFBench_test' },
    scorer: SCORER.instructionCheckers,
  },
  {
    name: 'jsonschemabench',
    display_name: 'JSONSchemaBench',
    category: 'core',
    description:
      'JSON Schema generation benchmark with ~10K real-world schemas from GitHub, Kubernetes, and other sources for evaluating constrained decoding',
    tags: ['json', 'jsonschema', 'generation', 'constrained-decoding'],
    sample_count: null,
    dataset: { source: 'hf:epfl-dlab/JSONSchemaBench' },
    scorer: 'JSON schema compliance',
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
    name: 'mathvista',
    display_name: 'MathVista',
    category: 'core',
    description:
      'Mathematical Reasoning in Visual Contexts - 6.1K multimodal math problems requiring fine-grained visual understanding across diverse visual contexts',
    tags: ['multimodal', 'math', 'reasoning', 'visual', 'images', 'math-vision'],
    sample_count: 1000, // openbench defaults to split=testmini, which has 1,000 rows (dataset card)
    dataset: { source: 'hf:AI4Math/MathVista', split: 'testmini' },
    scorer: 'rule extraction + LLM fallback',
    requirements: { vision: true, grader_model: 'openai/gpt-4-turbo' },
  },
  {
    name: 'mmlu-redux',
    display_name: 'MMLU-Redux',
    category: 'core',
    description:
      'Manually re-annotated subset of 5,700 MMLU questions addressing annotation errors in the original dataset.',
    tags: MULTIPLE_CHOICE_KNOWLEDGE,
    sample_count: 5700, // openbench's description
    dataset: { source: 'hf:edinburgh-dawg/mmlu-redux-2.0', split: 'test' },
    scorer: MCQ,
  },
  {
    name: 'ocrbenchv2',
    display_name: 'OCRBench v2',
    category: 'core',
    description:
      'Visual text localization and reasoning benchmark across 31 diverse OCR and document understanding scenarios',
    tags: ['multimodal', 'vision-language', 'ocr', 'document-understanding', 'images', 'vision'],
    sample_count: null,
    dataset: { source: 'hf:morpheushoc/OCRBenchv2' },
    scorer: 'OCRBench v2 metrics',
    requirements: { vision: true },
  },
  {
    name: 'openai_mrcr',
    display_name: 'OpenAI MRCR (Full)',
    category: 'core',
    description:
      'Memory-Recall with Contextual Retrieval - long-context evaluation that measures recall of 2, 4, and 8 needles across million-token contexts',
    tags: ['long-context', 'retrieval', 'needle', 'sequence-matching'],
    sample_count: null,
    dataset: { source: 'hf:openai/mrcr' },
    scorer: 'SequenceMatcher ratio',
    requirements: { min_context_length: LONG_CONTEXT },
  },
  {
    name: 'polyglotoxicity',
    display_name: 'PolygloToxicityPrompts (17 Languages)',
    category: 'core',
    description: 'Multilingual evaluation of neural toxic degeneration across 17 languages',
    tags: ['toxicity', 'safety', 'multilingual', 'generation'],
    sample_count: null,
    dataset: { source: 'hf:ToxicityPrompts/PolygloToxicityPrompts' },
    // Scored by Google's Perspective API (PERSPECTIVE_API_KEY), not by a grader model.
    scorer: 'Perspective API toxicity',
  },
  {
    name: 'rootly_gmcq',
    display_name: 'GMCQ',
    category: 'core',
    description: 'GitHub Multiple Choice Questions',
    tags: ['code-understanding'],
    sample_count: null,
    dataset: { source: 'hf:TheFloatingString/gmcq' },
    scorer: MCQ,
  },
  {
    name: 'rootly_terraform',
    display_name: 'Terraform',
    category: 'core',
    description: 'Terraform Multiple Choice Questions',
    tags: ['code-understanding'],
    sample_count: null,
    dataset: { source: 'hf:TheFloatingString/rootly_terraform_azure_k8s_1' },
    scorer: MCQ,
  },
  {
    name: 'arabic_exams',
    display_name: 'Arabic Exams (40 Subjects)',
    category: 'domain-specific',
    description:
      'Multi-task Arabic language understanding benchmark from school exams across North Africa, the Levant, and the Gulf',
    tags: ['multiple-choice', 'arabic', 'multilingual', 'education', 'msa'],
    sample_count: null,
    dataset: { source: 'hf:MBZUAI/ArabicMMLU' },
    scorer: MCQ,
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
    name: 'legalsupport',
    display_name: 'LegalSupport',
    category: 'domain-specific',
    description:
      'Legal citation support identification - identify which citation provides stronger support for a legal argument',
    tags: ['multiple-choice', 'legal', 'reasoning', 'citation-analysis'],
    sample_count: null,
    dataset: { source: 'hf:lighteval/LegalSupport' },
    scorer: MCQ,
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
  {
    name: 'bbq',
    display_name: 'BBQ (Main Function)',
    category: 'ethics-social',
    description: 'BBQ bias evaluation for a specific category - use individual category tasks instead',
    tags: ['multiple-choice', 'bias', 'fairness', 'social-bias', 'qa'],
    sample_count: null,
    dataset: { source: 'hf:heegyu/bbq' },
    scorer: MCQ,
  },
  {
    name: 'ethics',
    display_name: 'ETHICS (All Dimensions)',
    category: 'ethics-social',
    description: 'Aligning AI With Shared Human Values - tests moral reasoning across 5 fundamental dimensions',
    tags: ['multiple-choice', 'ethics', 'moral-reasoning', 'philosophy'],
    sample_count: null,
    dataset: { source: 'hf:hendrycks/ethics' },
    scorer: MCQ,
  },
  {
    name: 'toxigen',
    display_name: 'ToxiGen',
    category: 'ethics-social',
    description: 'Toxicity detection benchmark - tests ability to identify toxic and hateful language',
    tags: ['multiple-choice', 'toxicity-detection', 'hate-speech', 'safety'],
    sample_count: null,
    dataset: { source: 'hf:skg/toxigen-data' },
    scorer: MCQ,
  },
  {
    name: 'glue',
    display_name: 'GLUE (All Tasks)',
    category: 'glue',
    description: 'General Language Understanding Evaluation benchmark suite',
    tags: ['multiple-choice', 'glue', 'nli', 'sentiment', 'similarity'],
    sample_count: null,
    dataset: { source: 'hf:glue' },
    scorer: MCQ,
  },
  {
    name: 'superglue',
    display_name: 'SuperGLUE (All Tasks)',
    category: 'glue',
    description: 'SuperGLUE benchmark suite - run any subset by name (boolq, cb, copa, multirc, rte, wic, wsc)',
    tags: ['multiple-choice', 'superglue', 'nli', 'reasoning'],
    sample_count: null,
    dataset: { source: 'hf:super_glue' },
    scorer: MCQ,
  },
  {
    name: 'factscore',
    display_name: 'FActScore',
    category: 'knowledge-qa',
    description: 'FActScore - a benchmark for fine-grained factuality scoring',
    tags: ['factuality', 'long-form', 'retrieval', 'wikipedia'],
    sample_count: null,
    // Needs the ~20 GB Wikipedia DB lvogel123/factscore-data (ALLOW_FACTSCORE_DOWNLOAD=1).
    dataset: { source: 'hf:lvogel123/factscore' },
    scorer: 'FActScore (atomic-fact support)',
    requirements: { grader_model: 'openai/gpt-4o-mini' },
  },
  {
    name: 'blimp',
    display_name: 'BLiMP (67 Linguistic Phenomena)',
    category: 'linguistic',
    description:
      'Benchmark of Linguistic Minimal Pairs testing grammatical knowledge through minimal pair comparisons',
    tags: ['multiple-choice', 'linguistics', 'grammar', 'syntax', 'morphology'],
    sample_count: null,
    dataset: { source: 'hf:blimp' },
    scorer: MCQ,
  },
  {
    name: 'qasper_ll',
    display_name: 'QASPER (Binary MCQ)',
    category: 'reading-comprehension',
    description:
      'Question Answering on Scientific Papers - binary yes/no questions on research paper abstracts',
    tags: ['multiple-choice', 'reading-comprehension', 'scientific-papers', 'binary-classification'],
    sample_count: null,
    dataset: { source: 'hf:allenai/qasper' },
    scorer: MCQ,
  },
  {
    name: 'race',
    display_name: 'RACE',
    category: 'reading-comprehension',
    description: 'Reading comprehension from middle and high school English exams (combined)',
    tags: ['multiple-choice', 'reading-comprehension', 'english-exam'],
    sample_count: null,
    dataset: { source: 'hf:ehovy/race' },
    scorer: MCQ,
  },
  ...politicalEvenhandedness(),
];

/** Anthropic's paired-prompt political bias eval: one key for all categories and one per category. */
function politicalEvenhandedness(): BenchmarkEntry[] {
  const shared = {
    category: 'safety',
    tags: ['politics', 'bias', 'model-graded', 'paired-prompts'],
    sample_count: null,
    dataset: { source: 'hf:lvogel123/political-bias' },
    scorer: 'paired-prompt LLM judge',
    requirements: { grader_model: GPT_4_1 },
  };
  const categories: ReadonlyArray<readonly [key: string, title: string, focus: string]> = [
    ['historical_events', 'Historical Events', 'historical events'],
    ['political_figures', 'Political Figures', 'political figures and parties'],
    ['policies', 'Policies', 'policies'],
    ['social_issues', 'Social Issues', 'social issues'],
    ['us_constitution', 'US Constitution', 'US Constitution'],
    ['social_identity', 'Social and Identity Issues', 'social and identity issues'],
    ['scientific', 'Scientific Topics', 'scientific topics'],
  ];
  return [
    {
      ...shared,
      name: 'political_evenhandedness',
      display_name: 'Political Even-handedness',
      description:
        "Anthropic's paired-prompt political bias evaluation with even-handedness, refusal, and hedging metrics.",
    },
    ...categories.map(([key, title, focus]) => ({
      ...shared,
      name: `political_evenhandedness_${key}`,
      display_name: `Political Even-handedness: ${title}`,
      description: `Political even-handedness evaluation focused on ${focus} category.`,
      group: 'political_evenhandedness',
    })),
  ];
}

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
  ...([2, 4, 8] as const).map((needles) =>
    subtaskOf(family('openai_mrcr'), {
      name: `openai_mrcr_${needles}n`,
      display_name: `OpenAI MRCR (${needles} Needles)`,
      category: 'core',
      description: `Memory-Recall with Contextual Retrieval - long-context evaluation that measures recall of ${needles} needles across million-token contexts`,
      tags: ['long-context', 'retrieval', 'needle', 'sequence-matching'],
      sample_count: null,
    }),
  ),
];

const TAU2_BENCH = { source: 'git:sierra-research/tau2-bench' };

/** Experimental benchmarks: openbench lists them only with `--alpha`. */
const ALPHA: readonly BenchmarkEntry[] = [
  {
    name: 'scicode',
    display_name: 'SciCode',
    category: 'core',
    description: 'Scientific computing and programming challenges',
    tags: ['code-generation', 'science', 'alpha'],
    sample_count: null,
    dataset: { source: 'hf:SciCode1/SciCode' },
    scorer: CODE_EXECUTION,
    requirements: { code_execution: true },
    alpha: true,
  },
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
