/**
 * BIG-Bench's multiple-choice tasks (`src/openbench/evals/bigbench.py`): 121 keys `bigbench_<task>`, each
 * tasksource/bigbench's config of that name (split train), `record_to_mcq_sample_bigbench` and no system message.
 * Upstream has no `bigbench` task: the keys are subtasks, grouped by the `bigbench` eval group. `BIGBENCH_TASKS` there
 * also lists `abstract_narrative_understanding`, which config.py does not register, so it is not a key here either.
 */
import type { DatasetRecord } from '@studio/datasets';
import { pyStrip } from '../../scorers/python-text.util';
import { hfDataset } from '../shared/task-dataset.source';
import { dynamicMultipleChoicePrompt, optionLetter } from './mcq-prompt.util';
import { optionalField, pyTruthy } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

/** The letters A-Z: upstream keeps the first 26 choices of a longer list. */
const MAX_CHOICES = 26;

function stringList(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new TypeError(`record field "${name}" is not a list of strings: ${JSON.stringify(value)}`);
  }
  return value;
}

/** Python `seq[0]` on a record's `targets`, which raises on an empty list or None. */
function firstTarget(value: unknown): string {
  const targets = stringList(value, 'targets');
  if (targets.length === 0) throw new RangeError('list index out of range (record field "targets" is empty)');
  return targets[0];
}

/**
 * `record_to_mcq_sample_bigbench`: the question is the input's lines before the first one containing "choice:",
 * stripped and without a trailing "A:"; the choices are `multiple_choice_targets` (a record without any gives no
 * sample); the target is the first choice scored 1 (else A). Of more than 26 choices the first 26 are kept, and a
 * correct one beyond them is looked up by the record's first target among those 26 (else A). Upstream's check for an
 * empty prompt never fires here: with choices, the prompt always carries its instruction.
 */
export function bigbenchSample(record: DatasetRecord): McqSampleFields | [] {
  const inputs = optionalField(record, 'inputs', '');
  if (typeof inputs !== 'string') throw new TypeError(`record field "inputs" is not a string: ${JSON.stringify(inputs)}`);
  const lines = inputs.split('\n');
  const firstChoice = lines.findIndex((line) => line.includes('choice:'));
  let question = pyStrip(firstChoice === -1 ? inputs : lines.slice(0, firstChoice).join('\n'));
  if (question.endsWith('A:')) question = pyStrip(question.slice(0, -2));

  const choicesValue = optionalField(record, 'multiple_choice_targets', []);
  if (!pyTruthy(choicesValue)) return [];
  let choices = stringList(choicesValue, 'multiple_choice_targets');
  const scores = optionalField(record, 'multiple_choice_scores', []);
  if (!Array.isArray(scores)) throw new TypeError(`record field "multiple_choice_scores" is not a list: ${JSON.stringify(scores)}`);
  // Python's `1 in scores` / `scores.index(1)`: 1, 1.0 and True all equal 1.
  let correct = Math.max(0, scores.findIndex((score) => score === 1 || score === true));
  if (choices.length > MAX_CHOICES) {
    if (correct >= MAX_CHOICES) {
      const targets = optionalField(record, 'targets', null);
      const original = pyTruthy(targets) ? firstTarget(targets) : '';
      correct = Math.max(0, choices.slice(0, MAX_CHOICES).indexOf(original));
    }
    choices = choices.slice(0, MAX_CHOICES);
  }
  return {
    input: dynamicMultipleChoicePrompt(question, choices),
    target: optionLetter(correct),
    metadata: { original_target: firstTarget(optionalField(record, 'targets', [''])), idx: optionalField(record, 'idx', -1) },
  };
}

/** config.py's keys after `bigbench_`, in its (and the `bigbench` eval group's) order. */
const BIGBENCH_TASKS = [
  'anachronisms', 'analogical_similarity', 'analytic_entailment', 'arithmetic', 'authorship_verification', 'bbq_lite_json',
  'causal_judgment', 'cause_and_effect', 'checkmate_in_one', 'cifar10_classification', 'code_line_description', 'color',
  'common_morpheme', 'conceptual_combinations', 'contextual_parametric_knowledge_conflicts', 'crash_blossom', 'crass_ai',
  'cryobiology_spanish', 'cs_algorithms', 'dark_humor_detection', 'date_understanding', 'disambiguation_qa',
  'discourse_marker_prediction', 'dyck_languages', 'elementary_math_qa', 'emoji_movie', 'emojis_emotion_prediction',
  'empirical_judgments', 'english_proverbs', 'english_russian_proverbs', 'entailed_polarity', 'entailed_polarity_hindi',
  'epistemic_reasoning', 'evaluating_information_essentiality', 'fact_checker', 'fantasy_reasoning', 'figure_of_speech_detection',
  'formal_fallacies_syllogisms_negation', 'general_knowledge', 'geometric_shapes', 'goal_step_wikihow', 'gre_reading_comprehension',
  'hhh_alignment', 'hindu_knowledge', 'hinglish_toxicity', 'human_organs_senses', 'hyperbaton', 'identify_math_theorems',
  'identify_odd_metaphor', 'implicatures', 'implicit_relations', 'indic_cause_and_effect', 'intent_recognition',
  'international_phonetic_alphabet_nli', 'intersect_geometry', 'irony_identification', 'kanji_ascii', 'kannada', 'key_value_maps',
  'known_unknowns', 'language_identification', 'logic_grid_puzzle', 'logical_args', 'logical_deduction', 'logical_fallacy_detection',
  'logical_sequence', 'mathematical_induction', 'medical_questions_russian', 'metaphor_boolean', 'metaphor_understanding',
  'minute_mysteries_qa', 'misconceptions', 'misconceptions_russian', 'mnist_ascii', 'moral_permissibility',
  'movie_dialog_same_or_different', 'movie_recommendation', 'navigate', 'nonsense_words_grammar', 'novel_concepts', 'odd_one_out',
  'parsinlu_qa', 'penguins_in_a_table', 'periodic_elements', 'persian_idioms', 'phrase_relatedness', 'physical_intuition', 'physics',
  'play_dialog_same_or_different', 'presuppositions_as_nli', 'question_selection', 'real_or_fake_text',
  'reasoning_about_colored_objects', 'rhyming', 'riddle_sense', 'ruin_names', 'salient_translation_error_detection',
  'sentence_ambiguity', 'similarities_abstraction', 'simple_ethical_questions', 'snarks', 'social_iqa', 'social_support',
  'sports_understanding', 'strange_stories', 'strategyqa', 'suicide_risk', 'swahili_english_proverbs', 'swedish_to_german_proverbs',
  'symbol_interpretation', 'temporal_sequences', 'timedial', 'tracking_shuffled_objects', 'understanding_fables', 'undo_permutation',
  'unit_conversion', 'unit_interpretation', 'vitaminc_fact_verification', 'what_is_the_tao', 'which_wiki_edit', 'winowhy',
] as const;

/** config.py's display names: the task's words, each capitalised ("BigBench: Bbq Lite Json"). */
const title = (task: string): string =>
  task
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');

export const BIGBENCH_MCQ_TASKS = BIGBENCH_TASKS.map((task) =>
  mcqTask({
    benchmark: {
      name: `bigbench_${task}`,
      display_name: `BigBench: ${title(task)}`,
      category: 'bigbench',
      description: `BigBench MCQ task: ${task}`,
      tags: ['multiple-choice', 'reasoning', 'bigbench'],
      sample_count: null,
      subtask: true,
      group: 'bigbench',
    },
    dataset: hfDataset(task, 'train', { repo: 'tasksource/bigbench', config: task }),
    toSample: bigbenchSample,
  }),
);
