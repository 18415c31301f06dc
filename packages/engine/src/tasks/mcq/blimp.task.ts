/**
 * BLiMP (`src/openbench/evals/blimp.py`): nyu-mll/blimp (openbench's legacy hub name `blimp`), one config per
 * phenomenon (train, the only split). Each minimal pair becomes "Which sentence is grammatically correct?" in the
 * dynamic prompt, the good sentence first or second as the parity of the SHA-256 of the pair id (or of the two
 * sentences) decides. `blimp` runs its default phenomenon, adjunct_island; `blimp_<phenomenon>` one phenomenon each.
 */
import { createHash } from 'node:crypto';
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { configFamily } from './mcq-family.util';
import { dynamicMultipleChoicePrompt } from './mcq-prompt.util';
import { optionalField, stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

/** Python `str(value)` for what `pair_id` may hold (an int32 in the dataset). */
function pyStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  if (value === null) return 'None';
  throw new TypeError(`unexpected pair_id ${JSON.stringify(value)}`);
}

export function blimpSample(record: DatasetRecord): McqSampleFields {
  const good = stringField(record, 'sentence_good');
  const bad = stringField(record, 'sentence_bad');
  const seed = pyStr(optionalField(record, 'pair_id', '')) || `${good}||${bad}`;
  // int(hexdigest, 16) % 2 is the parity of the last hex digit.
  const flip = parseInt(createHash('sha256').update(seed, 'utf8').digest('hex').slice(-1), 16) % 2 === 1;
  return {
    input: dynamicMultipleChoicePrompt('Which sentence is grammatically correct?', flip ? [bad, good] : [good, bad]),
    target: flip ? 'B' : 'A',
    metadata: Object.fromEntries(['field', 'linguistics_term', 'pair_id'].map((key) => [key, optionalField(record, key, '')])),
  };
}

/** openbench's `blimp_<phenomenon>` entries: phenomenon (the config) and title, in config.py's order. */
const PHENOMENA: readonly (readonly [string, string])[] = [
  ['adjunct_island', "Adjunct island effects"],
  ['anaphor_gender_agreement', "Anaphor gender agreement"],
  ['anaphor_number_agreement', "Anaphor number agreement"],
  ['animate_subject_passive', "Animate subject in passive constructions"],
  ['animate_subject_trans', "Animate subject in transitive constructions"],
  ['causative', "Causative constructions"],
  ['complex_NP_island', "Complex NP island effects"],
  ['coordinate_structure_constraint_complex_left_branch', "Coordinate structure constraint - complex left branch"],
  ['coordinate_structure_constraint_object_extraction', "Coordinate structure constraint - object extraction"],
  ['determiner_noun_agreement_1', "Determiner-noun agreement (1)"],
  ['determiner_noun_agreement_2', "Determiner-noun agreement (2)"],
  ['determiner_noun_agreement_irregular_1', "Determiner-noun agreement with irregular nouns (1)"],
  ['determiner_noun_agreement_irregular_2', "Determiner-noun agreement with irregular nouns (2)"],
  ['determiner_noun_agreement_with_adj_2', "Determiner-noun agreement with adjective (2)"],
  ['determiner_noun_agreement_with_adj_irregular_1', "Determiner-noun agreement with adjective and irregular nouns (1)"],
  ['determiner_noun_agreement_with_adj_irregular_2', "Determiner-noun agreement with adjective and irregular nouns (2)"],
  ['determiner_noun_agreement_with_adjective_1', "Determiner-noun agreement with adjective (1)"],
  ['distractor_agreement_relational_noun', "Distractor agreement with relational nouns"],
  ['distractor_agreement_relative_clause', "Distractor agreement in relative clauses"],
  ['drop_argument', "Dropped argument"],
  ['ellipsis_n_bar_1', "N-bar ellipsis (1)"],
  ['ellipsis_n_bar_2', "N-bar ellipsis (2)"],
  ['existential_there_object_raising', "Existential 'there' with object raising"],
  ['existential_there_quantifiers_1', "Existential 'there' with quantifiers (1)"],
  ['existential_there_quantifiers_2', "Existential 'there' with quantifiers (2)"],
  ['existential_there_subject_raising', "Existential 'there' with subject raising"],
  ['expletive_it_object_raising', "Expletive 'it' with object raising"],
  ['inchoative', "Inchoative constructions"],
  ['intransitive', "Intransitive verbs"],
  ['irregular_past_participle_adjectives', "Irregular past participles as adjectives"],
  ['irregular_past_participle_verbs', "Irregular past participles in verbs"],
  ['irregular_plural_subject_verb_agreement_1', "Subject-verb agreement with irregular plurals (1)"],
  ['irregular_plural_subject_verb_agreement_2', "Subject-verb agreement with irregular plurals (2)"],
  ['left_branch_island_echo_question', "Left branch island effects in echo questions"],
  ['left_branch_island_simple_question', "Left branch island effects in simple questions"],
  ['matrix_question_npi_licensor_present', "Matrix question NPI licensor present"],
  ['npi_present_1', "Negative polarity items present (1)"],
  ['npi_present_2', "Negative polarity items present (2)"],
  ['only_npi_licensor_present', "'Only' as NPI licensor"],
  ['only_npi_scope', "'Only' NPI scope"],
  ['passive_1', "Passive constructions (1)"],
  ['passive_2', "Passive constructions (2)"],
  ['principle_A_c_command', "Binding Principle A - c-command"],
  ['principle_A_case_1', "Binding Principle A - case (1)"],
  ['principle_A_case_2', "Binding Principle A - case (2)"],
  ['principle_A_domain_1', "Binding Principle A - domain (1)"],
  ['principle_A_domain_2', "Binding Principle A - domain (2)"],
  ['principle_A_domain_3', "Binding Principle A - domain (3)"],
  ['principle_A_reconstruction', "Binding Principle A - reconstruction"],
  ['regular_plural_subject_verb_agreement_1', "Subject-verb agreement with regular plurals (1)"],
  ['regular_plural_subject_verb_agreement_2', "Subject-verb agreement with regular plurals (2)"],
  ['sentential_negation_npi_licensor_present', "Sentential negation as NPI licensor"],
  ['sentential_negation_npi_scope', "Sentential negation NPI scope"],
  ['sentential_subject_island', "Sentential subject island effects"],
  ['superlative_quantifiers_1', "Superlative quantifiers (1)"],
  ['superlative_quantifiers_2', "Superlative quantifiers (2)"],
  ['tough_vs_raising_1', "Tough vs raising constructions (1)"],
  ['tough_vs_raising_2', "Tough vs raising constructions (2)"],
  ['transitive', "Transitive verbs"],
  ['wh_island', "Wh-island effects"],
  ['wh_questions_object_gap', "Wh-questions with object gap"],
  ['wh_questions_subject_gap', "Wh-questions with subject gap"],
  ['wh_questions_subject_gap_long_distance', "Wh-questions with long-distance subject gap"],
  ['wh_vs_that_no_gap', "Wh vs that complementizers without gap"],
  ['wh_vs_that_no_gap_long_distance', "Wh vs that complementizers without gap (long-distance)"],
  ['wh_vs_that_with_gap', "Wh vs that complementizers with gap"],
  ['wh_vs_that_with_gap_long_distance', "Wh vs that complementizers with gap (long-distance)"],
];

export const blimpTasks = configFamily(
  {
    name: 'blimp',
    display_name: 'BLiMP (67 Linguistic Phenomena)',
    category: 'linguistic',
    description: 'Benchmark of Linguistic Minimal Pairs testing grammatical knowledge through minimal pair comparisons',
    tags: ['multiple-choice', 'linguistics', 'grammar', 'syntax', 'morphology'],
    sample_count: 1000, // each of the 67 phenomena has 1,000 pairs (BLiMP README)
  },
  'adjunct_island',
  PHENOMENA.map(([phenomenon, title]) => ({
    config: phenomenon,
    entry: {
      name: `blimp_${phenomenon}`,
      display_name: `BLiMP: ${title}`,
      category: 'linguistic',
      description: `BLiMP ${title}`,
      tags: ['multiple-choice', 'linguistics', 'grammar', 'syntax', 'blimp'],
      sample_count: 1000,
    },
  })),
  // `blimp` is the hub's legacy name for nyu-mll/blimp, which holds the parquet export.
  (benchmark, phenomenon) =>
    mcqTask({ benchmark, dataset: hfDataset('blimp', 'train', { repo: 'nyu-mll/blimp', config: phenomenon }), toSample: blimpSample }),
);
