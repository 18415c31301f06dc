/**
 * MuSR (`src/openbench/evals/musr.py`): TAUR-Lab/MuSR, one split per task type. `musr` reads the three splits as one
 * dataset with per-subset metrics; each `musr_<subset>` subtask reads its own split, ungrouped. The narrative and
 * question form the dynamic prompt over the choices, which the dataset stores as a Python list literal.
 */
import type { DatasetRecord } from '@studio/datasets';
import { subtaskOf, type BenchmarkEntry } from '../../catalog/benchmark.entry';
import { pythonStringListLiteral } from '../shared/python-literal.util';
import { hfDataset, hfSplitsDataset } from '../shared/task-dataset.source';
import type { BenchmarkTask } from '../task.types';
import { dynamicMultipleChoicePrompt, optionLetter } from './mcq-prompt.util';
import { optionalField, stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

const TAGS = ['multiple-choice', 'reasoning', 'commonsense', 'chain-of-thought'];

/** Python `int(value)` for what `answer_index` may hold, or null where it raises (upstream then targets A). */
function pythonIntOrNull(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : null;
  if (typeof value === 'boolean') return Number(value);
  if (typeof value === 'string' && /^\s*[+-]?\d+(_\d+)*\s*$/.test(value)) return Number(value.replaceAll('_', ''));
  return null;
}

export function musrSample(record: DatasetRecord, subset?: string): McqSampleFields {
  const choices = typeof record.choices === 'string' ? (pythonStringListLiteral(record.choices) ?? []) : [];
  const index = pythonIntOrNull(record.answer_index);
  return {
    input: dynamicMultipleChoicePrompt(`${stringField(record, 'narrative')}\n\n${stringField(record, 'question')}`, choices),
    // chr(ord("A") + i) for a non-negative i; a negative one makes chr raise, and upstream falls back to A.
    target: index === null || index < 0 ? 'A' : optionLetter(index),
    metadata: {
      ...Object.fromEntries(['narrative', 'question', 'answer_choice', 'answer_index'].map((key) => [key, optionalField(record, key, '')])),
      ...(subset ? { subset } : {}),
    },
  };
}

const family: BenchmarkTask = mcqTask({
  benchmark: {
    name: 'musr',
    display_name: 'MuSR',
    category: 'core',
    description:
      'Testing the Limits of Chain-of-thought with Multistep Soft Reasoning - includes murder mysteries, object placements, and team allocation tasks',
    tags: TAGS,
    sample_count: 756, // the three TAUR-Lab/MuSR splits: 250 + 256 + 250
  },
  dataset: hfSplitsDataset('musr_combined', 'TAUR-Lab/MuSR', ['murder_mysteries', 'object_placements', 'team_allocation']),
  toSample: musrSample,
  groupKeys: ['subset'],
});

function musrSubtask(entry: Omit<BenchmarkEntry, 'dataset' | 'scorer' | 'subtask' | 'category'>, split: string): BenchmarkTask {
  return mcqTask({
    benchmark: subtaskOf(family.benchmark, { category: 'core', ...entry }),
    dataset: hfDataset('TAUR-Lab/MuSR', split),
    toSample: (record) => musrSample(record),
  });
}

export const musrTasks: readonly BenchmarkTask[] = [
  family,
  musrSubtask(
    {
      name: 'musr_murder_mysteries',
      display_name: 'MuSR Murder Mysteries',
      description: 'MuSR murder mystery scenarios - who is the most likely murderer?',
      tags: [...TAGS, 'murder-mysteries'],
      sample_count: 250,
    },
    'murder_mysteries',
  ),
  musrSubtask(
    {
      name: 'musr_object_placements',
      display_name: 'MuSR Object Placements',
      description: 'MuSR object placement reasoning - where would someone look for an object?',
      tags: [...TAGS, 'object-placements'],
      sample_count: 256,
    },
    'object_placements',
  ),
  musrSubtask(
    {
      name: 'musr_team_allocation',
      display_name: 'MuSR Team Allocation',
      description: 'MuSR team allocation problems - how to allocate people to tasks efficiently?',
      tags: [...TAGS, 'team-allocation'],
      sample_count: 250,
    },
    'team_allocation',
  ),
];
