/**
 * openbench `browsecomp` (`evals/browsecomp.py`, `datasets/browsecomp.py`): simple-evals' BrowseComp CSV, whose
 * problem and answer are XOR-encrypted with the row's canary, asked without browsing tools and model-graded.
 */
import { createHash } from 'node:crypto';
import { accuracy, stderr } from '../../metrics';
import { createBrowsecompScorer } from '../../scorers';
import { SCORER, SIMPLE_EVALS } from '../../catalog/benchmark.entry';
import type { DatasetRecord } from '@studio/datasets';
import type { TaskOptions } from '../task.types';
import { SIMPLEQA_DEFAULT_GRADER } from './simpleqa.task';
import { autoId, fileDataset } from './record-dataset.util';
import { generativeTask, graderModelFor, taskArgs, type TaskBody } from './task-definition.util';

export const BROWSECOMP_URL = `${SIMPLE_EVALS}/browse_comp_test_set.csv`;

/** `derive_key` + `decrypt`: SHA-256 of the password repeated to the ciphertext's length, XORed, read as UTF-8. */
function browsecompDecrypt(ciphertextB64: string, password: string): string {
  const encrypted = Buffer.from(ciphertextB64, 'base64');
  const digest = createHash('sha256').update(password, 'utf8').digest();
  const plain = encrypted.map((byte, index) => byte ^ digest[index % digest.length]);
  return new TextDecoder('utf-8', { fatal: true }).decode(plain);
}

/** Python `record.get(key, "")`. */
const field = (record: DatasetRecord, key: string): string => (typeof record[key] === 'string' ? (record[key] as string) : '');

function browsecomp(options: TaskOptions): TaskBody {
  const args = taskArgs('browsecomp', options, { grader_model: SIMPLEQA_DEFAULT_GRADER });
  return {
    dataset: fileDataset('browsecomp', BROWSECOMP_URL, { url: BROWSECOMP_URL, format: 'csv' }, (record, index) => {
      const canary = field(record, 'canary');
      const problem = browsecompDecrypt(field(record, 'problem'), canary);
      return {
        id: autoId(index),
        input: `${problem}

Your response should be in the following format:
Explanation: {your explanation for your final answer}
Exact Answer: {your succinct, final answer}
Confidence: {your confidence score between 0% and 100% for your answer}`,
        target: browsecompDecrypt(field(record, 'answer'), canary),
        metadata: { canary, plain_question: problem },
      };
    }),
    // No generate config: the provider's defaults.
    config: {},
    scorer: createBrowsecompScorer(),
    metrics: [accuracy(), stderr()],
    graderModel: graderModelFor(options, args),
  };
}

export const browsecompTask = generativeTask({
  name: 'browsecomp',
  display_name: 'BrowseComp',
  category: 'core',
  description:
    'A Simple Yet Challenging Benchmark for Browsing Agents - evaluates model performance on browsing-related tasks',
  tags: ['browsing', 'web', 'reasoning', 'graded'],
  sample_count: 1266, // the BrowseComp paper's test set, all rows of the CSV
  dataset: { source: BROWSECOMP_URL },
  scorer: SCORER.llmGraded,
  requirements: { grader_model: SIMPLEQA_DEFAULT_GRADER },
}, browsecomp);
