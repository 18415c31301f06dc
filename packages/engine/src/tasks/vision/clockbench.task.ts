/**
 * openbench `clockbench` (`evals/clockbench.py`, `datasets/clockbench.py`, `solvers/clockbench.py`): four questions
 * about one clock image in one conversation (the time with the image, then the shift, the angle and the time zone as
 * text), each answer parsed as JSON where it parses, scored by `src/scorers/clockbench.scorer.ts` with the detailed
 * metrics of `src/metrics/clockbench.metric.ts`.
 */
import type { DatasetRecord } from '@studio/datasets';
import type { ChatMessage, GenerateResult } from '@studio/providers';
import { accuracy, clockbenchMetrics, stderr } from '../../metrics';
import { CLOCKBENCH_QUESTION_TYPES, createClockbenchScorer } from '../../scorers/clockbench.scorer';
import { pyJsonDumps, pyJsonFromJs, pyJsonLoadsOrUndefined, pyJsonToJs } from '../../scorers/python-json.util';
import { pyStrip, PY_SPACE } from '../../scorers/python-text.util';
import type { Sample, Solver } from '../../types';
import { stringField } from '../generative/record-dataset.util';
import { generativeTask, taskArgs } from '../generative/task-definition.util';
import { hfSplitDataset } from '../shared/hf-split.dataset';
import { datasetImage } from '../shared/image.util';

export const CLOCKBENCH_REPO = 'nmayorga7/clockbench';
export const CLOCKBENCH_SYSTEM = 'Be precise. When JSON is requested, reply with ONLY that JSON (no preface, no code block).';

/** `record_to_sample`: the image as the input (the solver asks the questions), the parsed targets in the metadata. */
export function clockbenchRecordToSample(record: DatasetRecord): Sample {
  const image = datasetImage(record.image);
  const field = (type: string, prefix: string) => stringField(record, `${prefix}_${type}`);
  return {
    id: stringField(record, 'id'),
    input: [{ role: 'user', content: [image] }],
    target: 'target',
    metadata: {
      image_data_uri: image.image,
      question: Object.fromEntries(CLOCKBENCH_QUESTION_TYPES.map((type) => [type, field(type, 'question')])),
      target: Object.fromEntries(CLOCKBENCH_QUESTION_TYPES.map((type) => [type, JSON.parse(field(type, 'target')) as unknown])),
    },
  };
}

const FENCED = new RegExp(`\`\`\`(?:json)?${PY_SPACE}*(\\{[\\s\\S]*?\\})${PY_SPACE}*\`\`\``, 'u');
const FLAT_OBJECT = /\{[^{}]*\}/;
const TRAILING_COMMA = new RegExp(`,${PY_SPACE}*([}\\]])`, 'gu');

/** `json.loads(text)` as a JavaScript value, or `undefined` where it raises `JSONDecodeError`. */
function loadsAsJs(text: string): unknown {
  const parsed = pyJsonLoadsOrUndefined(text);
  return parsed === undefined ? undefined : pyJsonToJs(parsed);
}

/** The solver's `try_parse_json`: the whole text, a fenced object, or the first brace-free object without trailing commas; else null. */
export function tryParseJson(text: string): unknown {
  if (!text) return null;
  const direct = loadsAsJs(pyStrip(text));
  if (direct !== undefined) return direct;
  const fenced = FENCED.exec(text);
  if (fenced) {
    const parsed = loadsAsJs(fenced[1]);
    if (parsed !== undefined) return parsed;
  }
  const flat = FLAT_OBJECT.exec(text);
  if (flat) {
    const parsed = loadsAsJs(flat[0].replace(TRAILING_COMMA, '$1'));
    if (parsed !== undefined) return parsed;
  }
  return null;
}

/** `clockbench_solver()`: one conversation, the image with the first question only; the four answers as JSON. */
const clockbenchSolver: Solver = {
  name: 'clockbench_solver',
  params: {},
  async solve({ sample, generate }) {
    const md = sample.metadata ?? {};
    const questions = md.question as Record<string, string>;
    const conversation: ChatMessage[] = [
      { role: 'system', content: CLOCKBENCH_SYSTEM },
      { role: 'user', content: [{ type: 'text', text: pyStrip(questions.time) }, { type: 'image', image: md.image_data_uri as string }] },
    ];
    const answers: Record<string, unknown> = {};
    let last: GenerateResult | undefined;
    for (const type of CLOCKBENCH_QUESTION_TYPES) {
      if (type !== 'time') conversation.push({ role: 'user', content: pyStrip(questions[type]) });
      // Inspect's generate() appends each answer to the conversation the next question continues.
      last = await generate(conversation);
      conversation.push({ role: 'assistant', content: last.completion });
      const parsed = tryParseJson(last.completion);
      answers[type] = parsed !== null ? parsed : last.completion;
    }
    // The last answer's output, with the four answers as its completion (the solver sets `state.output.completion`).
    return { messages: conversation, output: { ...(last as GenerateResult), completion: pyJsonDumps(pyJsonFromJs(answers), { indent: 2 }) } };
  },
};

export const clockbenchTask = generativeTask(
  {
    name: 'clockbench',
    display_name: 'ClockBench',
    category: 'community',
    description: 'Clock benchmark - time-based reasoning tasks',
    tags: ['time', 'analog', 'clock', 'reasoning'],
    sample_count: null,
    dataset: { source: `hf:${CLOCKBENCH_REPO}` },
    scorer: 'structured answer match',
    requirements: { vision: true },
  },
  (options) => {
    taskArgs('clockbench', options, {});
    return {
      dataset: hfSplitDataset('clockbench', CLOCKBENCH_REPO, 'default', 'train', (record) => clockbenchRecordToSample(record)),
      config: {},
      solver: clockbenchSolver,
      scorer: createClockbenchScorer(),
      metrics: [accuracy(), stderr(), clockbenchMetrics()],
      primaryMetric: 'accuracy',
    };
  },
);
