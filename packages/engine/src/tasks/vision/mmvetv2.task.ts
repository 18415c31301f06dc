/**
 * openbench `mmvetv2` (`evals/mmvetv2.py`, `datasets/mmvetv2.py`): MM-Vet v2's open questions with their images
 * interleaved where the question marks them (`<IMG><image_N>`), judged by GPT-4 on a 0.0–1.0 scale averaged over
 * `num_grading_attempts` gradings, with per-capability metrics.
 */
import type { DatasetRecord } from '@studio/datasets';
import type { Content } from '@studio/providers';
import { SCORER } from '../../catalog/benchmark.entry';
import { mmvetv2CapabilityMetrics } from '../../metrics';
import { createMmvetv2Scorer } from '../../scorers';
import { parsePythonInt } from '../../scorers/python-float.util';
import { pyStrip } from '../../scorers/python-text.util';
import type { Sample } from '../../types';
import { recordGet, stringField } from '../generative/record-dataset.util';
import { generativeTask, graderModelFor, intArg, taskArgs } from '../generative/task-definition.util';
import { hfSplitDataset } from '../shared/hf-split.dataset';
import { datasetImage } from '../shared/image.util';

export const MMVETV2_REPO = 'whyu/mm-vet-v2';
const DEFAULT_GRADER = 'openai/gpt-4-0613';

/** The image a `<image_N>` marker names, or nothing where upstream skips it (no such cell, or not image data). */
function imageOf(record: DatasetRecord, index: bigint): Content | undefined {
  const data = record[`image_${index}`];
  if (data === undefined || data === null) return undefined;
  try {
    return datasetImage(data);
  } catch {
    return undefined;
  }
}

/** `record_to_sample`: the text before the first `<IMG>`, then per marker its image and the text after it. */
export function mmvetv2RecordToSample(record: DatasetRecord): Sample {
  const question = stringField(record, 'question');
  const parts = question.split('<IMG>');
  const content: Content[] = [{ type: 'text', text: parts[0] }];
  for (const part of parts.slice(1)) {
    // A part that does not start with an image marker is dropped, as upstream drops it.
    if (!part.startsWith('<image_')) continue;
    const end = part.indexOf('>');
    if (end === -1) continue;
    const marker = part.slice(1, end);
    const index = parsePythonInt(marker.split('_')[1] ?? '');
    if (index === null) throw new Error(`mmvetv2: record ${String(record.id)}: invalid image marker <${marker}>`);
    const image = imageOf(record, index);
    if (image) content.push(image);
    const remaining = part.slice(end + 1);
    if (pyStrip(remaining) !== '') content.push({ type: 'text', text: remaining });
  }
  const answer = stringField(record, 'answer');
  return {
    id: stringField(record, 'id'),
    input: [{ role: 'user', content }],
    target: answer,
    metadata: {
      question_id: record.id,
      capability: recordGet(record, 'capability', []),
      added_in: recordGet(record, 'added_in', 'v2'),
      raw_question: question,
      answer,
    },
  };
}

export const mmvetv2Task = generativeTask(
  {
    name: 'mmvetv2',
    display_name: 'MM-Vet v2',
    category: 'multimodal',
    description:
      'Challenging benchmark evaluating large multimodal models for integrated capabilities using GPT-4 judge with 5-run grading average (configurable via --task-args num_grading_attempts=N)',
    tags: ['multimodal', 'vision', 'llm-judge'],
    sample_count: null,
    dataset: { source: `hf:${MMVETV2_REPO}` },
    scorer: SCORER.llmJudge,
    requirements: { vision: true, grader_model: DEFAULT_GRADER },
  },
  (options) => {
    const args = taskArgs('mmvetv2', options, { grader_model: DEFAULT_GRADER, num_grading_attempts: '5' });
    return {
      dataset: hfSplitDataset('mmvetv2', MMVETV2_REPO, 'default', 'test', (record) => mmvetv2RecordToSample(record)),
      config: {},
      scorer: createMmvetv2Scorer(intArg('mmvetv2', 'num_grading_attempts', args.num_grading_attempts)),
      metrics: [mmvetv2CapabilityMetrics()],
      graderModel: graderModelFor(options, args),
      primaryMetric: 'accuracy',
    };
  },
);
