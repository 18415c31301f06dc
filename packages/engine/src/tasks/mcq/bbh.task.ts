/**
 * BIG-Bench Hard (`src/openbench/evals/bigbench_hard.py`): 18 tasks, each lukaemon/bbh's config of that name (split
 * test), its instruction as a system message (`MCQEval(prompt_template=...)`), and `record_to_mcq_sample`: a record
 * whose input lists options as "- option" lines gets the dynamic multiple-choice prompt over them (the target is the
 * option's letter), any other keeps its input as the prompt and the first letter of its target as the target
 * (`(B)` gives B, `yes` gives Y). Upstream has no `bbh` task: the keys are subtasks, grouped by the `bbh` eval group.
 * Upstream names the causal-judgment Task `bbh_causal_judgement` (its config's spelling); here every task, and its
 * log, is named after its key, so the group summary finds `bbh_causal_judgment`.
 */
import type { DatasetRecord } from '@studio/datasets';
import { pyStrip } from '../../scorers/python-text.util';
import { hfDataset } from '../shared/task-dataset.source';
import { dynamicMultipleChoicePrompt, optionLetter } from './mcq-prompt.util';
import { stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

/** Python's `str.isalpha()` for one character. */
const isAlpha = (char: string): boolean => /^\p{L}$/u.test(char);

/** The BBH target without options: upper-cased, parentheses removed, its first letter (or first alphabetic character). */
function cleanTarget(target: string): string {
  const clean = pyStrip(pyStrip(target).toUpperCase().replaceAll('(', '').replaceAll(')', ''));
  const chars = [...clean];
  if (chars.length === 0 || isAlpha(chars[0])) return chars[0] ?? '';
  return chars.find(isAlpha) ?? clean;
}

export function bbhSample(record: DatasetRecord): McqSampleFields {
  const input = stringField(record, 'input');
  const target = stringField(record, 'target');
  const choices = input
    .split('\n')
    .map(pyStrip)
    .filter((line) => line.startsWith('- '))
    .map((line) => line.slice(2));
  if (choices.length === 0) return { input, target: cleanTarget(target), metadata: { original_target: target } };
  const index = choices.indexOf(target);
  let question = input;
  if (input.includes('Options:')) question = pyStrip(input.split('Options:')[0]);
  else if (input.includes('\n- ')) question = pyStrip(input.split('\n- ')[0]);
  return {
    input: dynamicMultipleChoicePrompt(question, choices),
    target: index === -1 ? target : optionLetter(index),
    metadata: { original_target: target },
  };
}

const TAGS = ['multiple-choice', 'reasoning', 'bigbench', 'chain-of-thought'];

/** Key (after `bbh_`), lukaemon/bbh config, display name and description (after "BBH: ", "BigBench Hard - "), test rows, extra tags, instruction. */
const BBH: readonly (readonly [string, string, string, string, number, readonly string[], string])[] = [
  ['causal_judgment', 'causal_judgement', 'Causal Judgment', 'Causal judgment reasoning', 187, [], "Answer questions about causal attribution.\n\n"],
  ['date_understanding', 'date_understanding', 'Date Understanding', 'Understanding and reasoning about dates', 250, [], "Infer the date from context.\n\n"],
  ['disambiguation_qa', 'disambiguation_qa', 'Disambiguation QA', 'Pronoun disambiguation in questions', 250, [], "Clarify the meaning of sentences with ambiguous pronouns.\n\n"],
  ['geometric_shapes', 'geometric_shapes', 'Geometric Shapes', 'Reasoning about geometric shapes', 250, ['geometry'], "Name geometric shapes from their SVG paths.\n\n"],
  ['logical_deduction_five_objects', 'logical_deduction_five_objects', 'Logical Deduction (5 Objects)', 'Logical deduction with five objects', 250, ['logic'], "A logical deduction task which requires deducing the order of a sequence of objects.\n\n"],
  ['logical_deduction_seven_objects', 'logical_deduction_seven_objects', 'Logical Deduction (7 Objects)', 'Logical deduction with seven objects', 250, ['logic'], "A logical deduction task which requires deducing the order of a sequence of objects.\n\n"],
  ['logical_deduction_three_objects', 'logical_deduction_three_objects', 'Logical Deduction (3 Objects)', 'Logical deduction with three objects', 250, ['logic'], "A logical deduction task which requires deducing the order of a sequence of objects.\n\n"],
  ['movie_recommendation', 'movie_recommendation', 'Movie Recommendation', 'Movie recommendation reasoning', 250, [], "Recommend movies similar to the given list of movies.\n\n"],
  ['navigate', 'navigate', 'Navigate', 'Spatial navigation reasoning', 250, ['spatial'], "Given a series of navigation instructions, determine whether one would end up back at the starting point.\n\n"],
  ['reasoning_about_colored_objects', 'reasoning_about_colored_objects', 'Reasoning About Colored Objects', 'Reasoning about colored objects', 250, [], "Answer extremely simple questions about the colors of objects on a surface.\n\n"],
  ['ruin_names', 'ruin_names', 'Ruin Names', 'Word manipulation and reasoning', 250, ['wordplay'], "Select the humorous edit that 'ruins' the input movie or musical artist name.\n\n"],
  ['salient_translation_error_detection', 'salient_translation_error_detection', 'Salient Translation Error Detection', 'Detecting translation errors', 250, ['translation'], "Detect the type of error in an English translation of a German source sentence.\n\n"],
  ['snarks', 'snarks', 'Snarks', 'Understanding sarcasm and irony', 178, ['sarcasm'], "Determine which of two sentences is sarcastic.\n\nAccording to Cambridge University Dictionary, sarcasm is \"the use of remarks that clearly mean the opposite of what they say, made in order to hurt someone's feelings or to criticize something in a humorous way.\" Sarcastic sentences often contain satirical or ironic utterances, hyperboles, ambivalent or witty remarks.\n\n"],
  ['sports_understanding', 'sports_understanding', 'Sports Understanding', 'Sports knowledge and reasoning', 250, ['sports'], "Determine whether an artificially constructed sentence relating to sports is plausible or not.\n\n"],
  ['temporal_sequences', 'temporal_sequences', 'Temporal Sequences', 'Understanding temporal sequences', 250, ['temporal'], "Task description: Answer questions about which times certain events could have occurred.\n\n"],
  ['tracking_shuffled_objects_five_objects', 'tracking_shuffled_objects_five_objects', 'Tracking Shuffled Objects (5 Objects)', 'Tracking five shuffled objects', 250, ['tracking'], "A task requiring determining the final positions of a set of objects given their initial positions and a description of a sequence of swaps.\n\n"],
  ['tracking_shuffled_objects_seven_objects', 'tracking_shuffled_objects_seven_objects', 'Tracking Shuffled Objects (7 Objects)', 'Tracking seven shuffled objects', 250, ['tracking'], "A task requiring determining the final positions of a set of objects given their initial positions and a description of a sequence of swaps.\n\n"],
  ['tracking_shuffled_objects_three_objects', 'tracking_shuffled_objects_three_objects', 'Tracking Shuffled Objects (3 Objects)', 'Tracking three shuffled objects', 250, ['tracking'], "A task requiring determining the final positions of a set of objects given their initial positions and a description of a sequence of swaps.\n\n"],
];

export const BBH_TASKS = BBH.map(([key, config, title, description, rows, tags, instruction]) =>
  mcqTask({
    benchmark: {
      name: `bbh_${key}`,
      display_name: `BBH: ${title}`,
      category: 'core',
      description: `BigBench Hard - ${description}`,
      tags: [...TAGS, ...tags],
      sample_count: rows,
      subtask: true,
      group: 'bbh',
    },
    dataset: hfDataset(config, 'test', { repo: 'lukaemon/bbh', config }),
    toSample: bbhSample,
    systemMessage: instruction,
  }),
);
