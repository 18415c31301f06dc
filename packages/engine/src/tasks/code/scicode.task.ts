/**
 * openbench `scicode` (`evals/scicode.py`, `datasets/scicode.py`, `solvers/scicode.py`, `scorers/scicode.py`,
 * `metrics/scicode.py`; from scicode-bench/SciCode): each research problem of SciCode1/SciCode is solved step by step,
 * every step's code is run against its test cases and the targets in SciCode's test data file (the operator's
 * `SCICODE_H5_PATH`) with numpy, scipy, sympy and h5py in the sandbox, and problems and steps are counted correct.
 */
import { SCORER } from '../../catalog/benchmark.entry';
import type { DatasetRecord } from '@studio/datasets';
import type { Sample } from '../../types';
import { hfParquetShard } from '../shared/hf-parquet.source';
import { fileDataset, recordGet, stringField } from '../generative/record-dataset.util';
import { boolArg, generativeTask, TaskArgumentError, taskArgs } from '../generative/task-definition.util';
import { createScicodeScorer, scicodeMetrics } from './scicode/scicode.scorer';
import { scicodeSolver, type ScicodeMode } from './scicode/scicode.solver';

const REPO = 'SciCode1/SciCode';
const MODES: readonly ScicodeMode[] = ['normal', 'gold', 'dummy'];

/** `record_to_sample`: the main problem description as the input, the whole record as metadata. */
export function scicodeSample(record: DatasetRecord): Sample {
  const general = recordGet(record, 'general_solution', null);
  return {
    id: stringField(record, 'problem_id'),
    input: stringField(record, 'problem_description_main'),
    target: typeof general === 'string' && general !== '' ? general : '',
    metadata: { ...record },
  };
}

export const scicodeTask = generativeTask(
  {
    name: 'scicode',
    display_name: 'SciCode',
    category: 'core',
    description: 'Scientific computing and programming challenges',
    tags: ['code-generation', 'science', 'alpha'],
    sample_count: null,
    dataset: { source: `hf:${REPO}` },
    scorer: SCORER.codeExecution,
    requirements: { code_execution: true },
    alpha: true,
  },
  (options) => {
    // Paths on the host are the operator's (SCICODE_H5_PATH); openbench's output_dir only holds its working files.
    for (const name of ['h5py_file', 'output_dir'])
      if (options.args && name in options.args)
        throw new TaskArgumentError(name, `scicode: ${name} is not accepted as a task argument; the operator sets the test data with SCICODE_H5_PATH`);
    const args = taskArgs('scicode', options, { split: 'test', with_background: 'false', mode: 'normal' });
    const mode = args.mode as ScicodeMode;
    if (!MODES.includes(mode)) throw new TaskArgumentError('mode', `scicode: task argument mode must be one of ${MODES.join(', ')}, got "${args.mode}"`);
    const withBackground = boolArg('scicode', 'with_background', args.with_background);
    return {
      dataset: fileDataset('SciCode1/SciCode', REPO, hfParquetShard(REPO, 'default', args.split), scicodeSample),
      config: {},
      solver: scicodeSolver(withBackground, mode),
      scorer: createScicodeScorer(),
      metrics: [scicodeMetrics()],
      services: ['scicode_test_data'],
      primaryMetric: 'sub_problem_correctness',
    };
  },
);
