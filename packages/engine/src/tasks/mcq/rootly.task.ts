/**
 * Rootly AI Labs' chat-formatted MCQ sets, whose records hold the messages themselves: `rootly_gmcq`
 * (`src/openbench/evals/rootly_gmcq.py`, TheFloatingString/gmcq: questions about GitHub repositories) and
 * `rootly_terraform` (`evals/rootly_terraform.py`, `datasets/rootly_terraform.py`: Terraform questions, azure-k8s-mcq
 * or s3-security-mcq), both test split, each with upstream's `subtask` task argument: GMCQ's comma-separated repository
 * filter (every repository without it), Terraform's set. Upstream pins a Hub revision of each dataset; this engine
 * reads the Hub's parquet conversion, which exists for the current revision only.
 */
import type { DatasetRecord } from '@studio/datasets';
import type { ChatMessage } from '@studio/providers';
import { pyStr } from '../../scorers/python-str.util';
import { pyStrip } from '../../scorers/python-text.util';
import { hfDataset } from '../shared/task-dataset.source';
import { anyField, optionalField, stringField } from './mcq-record.util';
import { perArgumentTask } from './mcq-family.util';
import { TaskArgumentError } from '../generative/task-definition.util';
import { mcqTask, type McqChatSampleFields } from './mcq-task.factory';

function messageList(value: unknown): DatasetRecord[] {
  if (!Array.isArray(value)) throw new TypeError(`record field "input" is not a list of messages: ${JSON.stringify(value)}`);
  return value as DatasetRecord[];
}

function contentOf(message: DatasetRecord, content: unknown): string {
  if (typeof content !== 'string') throw new TypeError(`message content is not a string: ${JSON.stringify(message)}`);
  return content;
}

/** GMCQ's record_to_mcq_sample: system messages stay system, any other role is a user message; a plain input is one user message. */
export function gmcqSample(record: DatasetRecord): McqChatSampleFields {
  const raw = optionalField(record, 'input', '');
  const input: ChatMessage[] = Array.isArray(raw)
    ? messageList(raw).map((message) => ({
        role: pyStr(optionalField(message, 'role', null) || '').toLowerCase() === 'system' ? 'system' : 'user',
        content: contentOf(message, optionalField(message, 'content', '')),
      }))
    : [{ role: 'user', content: pyStr(raw) }];
  const ideal = pyStrip(pyStr(optionalField(record, 'ideal', '')));
  return {
    input,
    // The first character upper-cased, or A when there is none.
    target: ideal === '' ? 'A' : Array.from(ideal)[0].toUpperCase(),
    metadata: { repository_name: optionalField(record, 'repository_name', null) },
  };
}

/** rootly_terraform's record_to_mcq_sample: system and user messages kept, any other role dropped. */
export function terraformSample(record: DatasetRecord): McqChatSampleFields {
  const input: ChatMessage[] = [];
  for (const message of messageList(anyField(record, 'input'))) {
    const role = anyField(message, 'role');
    if (role === 'system' || role === 'user') input.push({ role, content: contentOf(message, anyField(message, 'content')) });
  }
  return { input, target: stringField(record, 'ideal') };
}

const GMCQ = {
  name: 'rootly_gmcq',
  display_name: 'GMCQ',
  category: 'core',
  description: 'GitHub Multiple Choice Questions',
  tags: ['code-understanding'],
  sample_count: null,
};

// `subtask` is a comma-separated list of repositories; `repo in subtask.split(",")` drops the others' records.
export const rootlyGmcqTask = perArgumentTask('subtask', undefined, (subtask) => {
  const repositories = subtask?.split(',');
  return mcqTask({
    benchmark: GMCQ,
    dataset: hfDataset('TheFloatingString/gmcq', 'test'),
    toSample: (record) => {
      const repository = optionalField(record, 'repository_name', null);
      return repositories === undefined || (typeof repository === 'string' && repositories.includes(repository)) ? gmcqSample(record) : [];
    },
  });
});

const TERRAFORM = {
  name: 'rootly_terraform',
  display_name: 'Terraform',
  category: 'core',
  description: 'Terraform Multiple Choice Questions',
  tags: ['code-understanding'],
  sample_count: null,
};

/** `DATASETS` of datasets/rootly_terraform.py: each subtask's repository. */
const TERRAFORM_SETS: Readonly<Record<string, string>> = {
  'azure-k8s-mcq': 'TheFloatingString/rootly_terraform_azure_k8s_1',
  's3-security-mcq': 'TheFloatingString/s3_tf_s3_security_mcq',
};

export const rootlyTerraformTask = perArgumentTask('subtask', 'azure-k8s-mcq', (subtask = 'azure-k8s-mcq') => {
  if (!Object.hasOwn(TERRAFORM_SETS, subtask)) {
    throw new TaskArgumentError('subtask', `Unknown subtask: ${subtask}. Valid subtasks are: ${Object.keys(TERRAFORM_SETS).join(', ')}`);
  }
  return mcqTask({ benchmark: TERRAFORM, dataset: hfDataset(TERRAFORM_SETS[subtask], 'test'), toSample: terraformSample });
});
