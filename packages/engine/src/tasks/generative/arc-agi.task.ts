/**
 * openbench `arc_agi` (`evals/arc_agi.py`, `datasets/arc_agi.py`, `scorers/arc_agi.py`): an ARC task's training pairs
 * and test input as JSON grids in one prompt, the first test output as the target grid, scored by exact grid match.
 * `arc_agi` takes upstream's `version` task argument (1, lee64/arc-agi-evaluation, by default; 2,
 * lee64/arc-agi-2-evaluation); `arc_agi_1` and `arc_agi_2` are the two versions without arguments. Upstream names the
 * task `arc_agi_<version>`; here, as every task, it is named after its catalog entry.
 */
import type { DatasetRecord } from '@studio/datasets';
import { subtaskOf, type BenchmarkEntry } from '../../catalog/benchmark.entry';
import { accuracy, std, stderr } from '../../metrics';
import { createArcAgiScorer } from '../../scorers';
import { pyJsonDumps, pyJsonFromJs } from '../../scorers/python-json.util';
import { pyFormat } from '../../scorers/python-text.util';
import { hfParquetShard } from '../shared/hf-parquet.source';
import type { BenchmarkTask } from '../task.types';
import { fileDataset, stringField } from './record-dataset.util';
import { generativeTask, TaskArgumentError, taskArgs, type TaskBody } from './task-definition.util';

export const ARC_AGI_SYSTEM_PROMPT = `You are participating in a puzzle solving competition. You are an expert at solving puzzles.

Below is a list of input and output pairs with a pattern. Your goal is to identify the pattern or transformation in the training examples that maps the input to the output, then apply that pattern to the test input to give a final output.

Respond in the format of the training output examples

--Training Examples--
{training_examples}
--End of Training Examples--

--Test Input--
{test_input}
--End of Test Input--

Your response:`;

/** `get_arc_agi_dataset`'s repository per version. */
const REPOS: Readonly<Record<string, string>> = { '1': 'lee64/arc-agi-evaluation', '2': 'lee64/arc-agi-2-evaluation' };

function pairs(record: DatasetRecord, field: string): DatasetRecord[] {
  const value = record[field];
  if (!Array.isArray(value)) throw new TypeError(`ARC-AGI record field "${field}" is not a list of pairs`);
  return value as DatasetRecord[];
}

/** `record["test"][0]`, an IndexError upstream when there is none. */
function firstTest(record: DatasetRecord): DatasetRecord {
  const test = pairs(record, 'test');
  if (test.length === 0) throw new Error('list index out of range: ARC-AGI record has no test pair');
  return test[0];
}

/** `record_to_sample` of datasets/arc_agi.py. */
export function arcAgiSample(record: DatasetRecord) {
  const train = pairs(record, 'train');
  const trainingExamples = train
    .map((pair, i) => `--Example ${i}-- \n\n INPUT: \n\n${pyJsonDumps(pyJsonFromJs(pair.input))}\n\nOUTPUT: \n\n${pyJsonDumps(pyJsonFromJs(pair.output))}\n\n`)
    .join('');
  const test = firstTest(record);
  const filename = stringField(record, 'filename');
  return {
    id: filename,
    input: pyFormat(ARC_AGI_SYSTEM_PROMPT, { training_examples: trainingExamples, test_input: pyJsonDumps(pyJsonFromJs(test.input)) }),
    target: pyJsonDumps(pyJsonFromJs(test.output)),
    metadata: { train, test: record.test, filename, expected_grid: test.output },
  };
}

function arcAgi(version: string): TaskBody {
  if (!Object.hasOwn(REPOS, version)) throw new TaskArgumentError('version', `Unknown ARC-AGI version: ${version}. Must be 1 or 2.`);
  const repo = REPOS[version];
  return {
    dataset: fileDataset(repo, repo, hfParquetShard(repo, 'default', 'test'), arcAgiSample),
    config: { max_tokens: 100000, temperature: 0.0 },
    scorer: createArcAgiScorer(),
    metrics: [accuracy(), stderr(), std()],
  };
}

const TAGS = ['reasoning', 'pattern-recognition', 'abstract-reasoning', 'visual', 'logic', 'agi'];

const ARC_AGI: BenchmarkEntry = {
  name: 'arc_agi',
  display_name: 'ARC-AGI',
  category: 'core',
  description:
    'Abstraction and Reasoning Corpus for Artificial General Intelligence; specify version with -T version=1 or version=2',
  tags: TAGS,
  // The Hub's row counts: 400 ARC-AGI-1 and 120 ARC-AGI-2 evaluation tasks (the lee64 "ARC-AGI Datasets" collection).
  sample_count: 400,
  dataset: { source: 'hf:lee64/arc-agi-evaluation', split: 'test' },
  scorer: 'exact grid match',
};

export const ARC_AGI_TASKS: readonly BenchmarkTask[] = [
  generativeTask(ARC_AGI, (options) => arcAgi(taskArgs('arc_agi', options, { version: '1' }).version.trim())),
  ...(
    [
      ['1', 400],
      ['2', 120],
    ] as const
  ).map(([version, samples]) =>
    generativeTask(
      subtaskOf(ARC_AGI, {
        name: `arc_agi_${version}`,
        display_name: `ARC-AGI-${version}`,
        category: 'core',
        description: `ARC-AGI dataset version ${version}`,
        tags: TAGS,
        sample_count: samples,
        dataset: { source: `hf:${REPOS[version]}`, split: 'test' },
      }),
      (options) => {
        taskArgs(`arc_agi_${version}`, options, {});
        return arcAgi(version);
      },
    ),
  ),
];
