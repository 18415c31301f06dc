import request from 'supertest';
import { runnableTaskNames } from '@studio/engine';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

test('lists at least the 98 top-level openbench benchmarks, featured first, with runnable flags', async () => {
  const res = await request(t.app).get('/api/benchmarks');
  expect(res.status).toBe(200);
  expect(res.headers['cache-control']).toBe('public, max-age=300');
  const top = res.body.filter((b: { subtask: boolean; alpha: boolean }) => !b.subtask && !b.alpha);
  expect(top.length).toBeGreaterThanOrEqual(98);
  const featured = res.body.map((b: { featured: boolean }) => b.featured);
  expect(featured.indexOf(false)).toBeGreaterThan(0);
  expect(featured.slice(featured.indexOf(false))).not.toContain(true);
  const mmlu = res.body.find((b: { name: string }) => b.name === 'mmlu');
  expect(mmlu).toMatchObject({ category: 'core', sample_count: 14042, requirements: { vision: false } });
  const runnableNames = new Set(runnableTaskNames());
  for (const b of res.body) expect(b.runnable).toBe(runnableNames.has(b.name));
  // Every entry the engine cannot run says why; a runnable one has no reason.
  for (const b of res.body) expect(typeof b.reason === 'string' && b.reason.length > 0).toBe(!b.runnable);
  expect(res.body.find((b: { name: string }) => b.name === 'cybench').reason).toBe(
    'Needs Docker containers and tool calling (capture-the-flag agent)',
  );
});

test('names the scoring services a benchmark needs your key for, each one you can save a key for', async () => {
  const res = await request(t.app).get('/api/benchmarks?include_subtasks=true');
  const services = new Set((await request(t.app).get('/api/service-keys/services')).body.map((s: { service: string }) => s.service));
  const needing = res.body.filter((b: { requirements: { scoring_services: string[] | null } }) => b.requirements.scoring_services !== null);
  expect(needing.map((b: { name: string }) => b.name)).toEqual(expect.arrayContaining(['polyglotoxicity', 'polyglotoxicity_japanese', 'deep_research_bench']));
  for (const b of needing) {
    expect(b.requirements.scoring_services.length).toBeGreaterThan(0);
    for (const service of b.requirements.scoring_services) expect(services).toContain(service);
  }
  expect(res.body.find((b: { name: string }) => b.name === 'deep_research_bench').requirements.scoring_services).toEqual(['jina']);
  expect(res.body.find((b: { name: string }) => b.name === 'mmlu').requirements.scoring_services).toBeNull();
  expect((await request(t.app).get('/api/benchmarks/polyglotoxicity')).body.requirements.scoring_services).toEqual(['perspective']);
});

/**
 * Written out by hand (the README's benchmark table), not read from the engine, so a benchmark that silently stops
 * being runnable, or one listed runnable without a task, fails here. Update it when a benchmark is added.
 */
const RUNNABLE = [
  'aime_2025', 'anli', 'arc_challenge', 'arc_easy', 'boolq', 'drop', 'global_mmlu', 'gpqa', 'gpqa_diamond', 'gsm8k', 'headqa',
  'hellaswag', 'logiqa', 'math', 'math_500', 'math_qa', 'medmcqa', 'medqa', 'mgsm', 'mmlu', 'mmlu-pro', 'mmmlu', 'musr',
  'natural_questions', 'openbookqa', 'piqa', 'prost', 'pubmedqa', 'qa4mre', 'sciq', 'simpleqa', 'social_iqa', 'supergpqa', 'squad_v2',
  'swag', 'triviaqa', 'truthfulqa', 'winogrande', 'wsc273', 'xcopa', 'xstorycloze', 'xwinograd',
  'arabic_exams', 'glue', 'legalsupport', 'qasper_ll', 'rootly_gmcq', 'rootly_terraform', 'superglue', 'toxigen', 'tumlu',
  'humaneval', 'mbpp', 'ifeval', 'ifbench',
  'aime_2024', 'gpt_oss_aime25', 'gsm_plus', 'otis_mock_aime', 'smt', 'simpleqa_verified', 'browsecomp', 'healthbench', 'multichallenge', 'detailbench', 'cosafe_m2s', 'mhj_m2s', 'safemt_m2s', 'sealqa',
  'mmlu-redux', 'ethics', 'blimp', 'bbq', 'agieval',
  'arc_agi', 'race',
  'mmmu', 'mmmu_pro', 'rocketscience', 'mmstar', 'hle',
  'jsonschemabench', 'openai_mrcr', 'political_evenhandedness',
  ...['historical_events', 'political_figures', 'policies', 'social_issues', 'us_constitution', 'social_identity', 'scientific'].map((c) => `political_evenhandedness_${c}`),
  'mmvetv2', 'clockbench', 'chartqapro', 'mathvista', 'polyglotoxicity', 'factscore', 'ocrbenchv2', 'deep_research_bench',
];
/** More runnable subtasks listed only with include_subtasks=true (the MathArena sets, gsm_plus_mini, healthbench's). */
const RUNNABLE_SUBTASKS = [
  'aime_2023_I', 'aime_2023_II', 'aime_2024_I', 'aime_2024_II', 'aime_2025_II', 'brumo_2025', 'hmmt_feb_2023', 'hmmt_feb_2024',
  'hmmt_feb_2025', 'gsm_plus_mini', 'healthbench_hard', 'healthbench_consensus', 'openai_mrcr_2n', 'openai_mrcr_4n', 'openai_mrcr_8n',
];
const MGSM_SUBTASKS = ['bn', 'de', 'en', 'es', 'fr', 'ja', 'latin', 'non_latin', 'ru', 'sw', 'te', 'th', 'zh'].map((l) => `mgsm_${l}`);
/** Runnable subtasks that are not surfaced: listed only with include_subtasks. */
const HIDDEN_SUBTASKS = [
  ...['amharic', 'arabic', 'bengali', 'czech', 'german', 'greek', 'english', 'spanish', 'persian', 'filipino', 'french', 'hausa', 'hebrew',
    'hindi', 'indonesian', 'igbo', 'italian', 'japanese', 'korean', 'kyrgyz', 'lithuanian', 'malagasy', 'malay', 'nepali', 'dutch',
    'chichewa', 'polish', 'portuguese', 'romanian', 'russian', 'sinhala', 'shona', 'somali', 'serbian', 'swedish', 'swahili', 'telugu',
    'turkish', 'ukrainian', 'vietnamese', 'yoruba', 'chinese'].map((l) => `global_mmlu_${l}`),
  ...['ar_xy', 'bn_bd', 'de_de', 'es_la', 'fr_fr', 'hi_in', 'id_id', 'it_it', 'ja_jp', 'ko_kr', 'pt_br', 'zh_cn', 'sw_ke', 'yo_ng'].map(
    (l) => `mmmlu_${l}`,
  ),
  'musr_murder_mysteries', 'musr_object_placements', 'musr_team_allocation', 'headqa_en', 'headqa_es',
  'anli_r1', 'anli_r2', 'anli_r3', 'qa4mre_2011', 'qa4mre_2012', 'qa4mre_2013',
  'arc_agi_1', 'arc_agi_2', 'race_high', 'race_middle',
  ...['arabic', 'czech', 'german', 'english', 'spanish', 'french', 'hindi', 'indonesian', 'italian', 'japanese', 'korean', 'dutch',
    'polish', 'portuguese', 'russian', 'swedish', 'chinese'].map((l) => `polyglotoxicity_${l}`),
  'otis_mock_aime_2024', 'otis_mock_aime_2025',
  ...['algebra', 'calculus', 'discrete', 'general', 'geometry', 'guts'].map((c) => `smt_${c}`),
  ...['causal_judgment', 'date_understanding', 'disambiguation_qa', 'geometric_shapes', 'logical_deduction_five_objects',
    'logical_deduction_seven_objects', 'logical_deduction_three_objects', 'movie_recommendation', 'navigate',
    'reasoning_about_colored_objects', 'ruin_names', 'salient_translation_error_detection', 'snarks', 'sports_understanding',
    'temporal_sequences', 'tracking_shuffled_objects_five_objects', 'tracking_shuffled_objects_seven_objects',
    'tracking_shuffled_objects_three_objects'].map((t) => `bbh_${t}`),
  ...[
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
  ].map((t) => `bigbench_${t}`),
  ...['accounting_university', 'arabic_language_general', 'arabic_language_grammar', 'arabic_language_high_school',
    'arabic_language_middle_school', 'arabic_language_primary_school', 'biology_high_school', 'civics_high_school', 'civics_middle_school',
    'computer_science_high_school', 'computer_science_middle_school', 'computer_science_primary_school', 'computer_science_university',
    'driving_test', 'economics_high_school', 'economics_middle_school', 'economics_university', 'general_knowledge',
    'general_knowledge_middle_school', 'general_knowledge_primary_school', 'geography_high_school', 'geography_middle_school',
    'geography_primary_school', 'history_high_school', 'history_middle_school', 'history_primary_school', 'islamic_studies_general',
    'islamic_studies_high_school', 'islamic_studies_middle_school', 'islamic_studies_primary_school', 'law_professional',
    'management_university', 'math_high_school', 'math_primary_school', 'natural_science_middle_school', 'natural_science_primary_school',
    'philosophy_high_school', 'physics_high_school', 'political_science_university', 'social_science_middle_school',
    'social_science_primary_school'].map((s) => `arabic_exams_${s}`),
  'cb', 'copa', 'multirc', 'rte', 'wic', 'wsc',
  ...['cola', 'mnli', 'mnli_mismatched', 'mrpc', 'qnli', 'qqp', 'rte', 'sst2', 'stsb', 'wnli'].map((t) => `glue_${t}`),
  ...['et', 'ht', 'id', 'it', 'qu', 'sw', 'ta', 'th', 'tr', 'vi', 'zh'].map((l) => `xcopa_${l}`),
  ...['en', 'fr', 'jp', 'pt', 'ru', 'zh'].map((l) => `xwinograd_${l}`),
  ...['en', 'ru', 'zh', 'es', 'ar', 'hi', 'id', 'te', 'sw', 'eu', 'my'].map((l) => `xstorycloze_${l}`),
  ...['justice', 'deontology', 'virtue', 'utilitarianism', 'commonsense'].map((d) => `ethics_${d}`),
  ...[
    'adjunct_island', 'anaphor_gender_agreement', 'anaphor_number_agreement', 'animate_subject_passive', 'animate_subject_trans',
    'causative', 'complex_NP_island', 'coordinate_structure_constraint_complex_left_branch',
    'coordinate_structure_constraint_object_extraction', 'determiner_noun_agreement_1', 'determiner_noun_agreement_2',
    'determiner_noun_agreement_irregular_1', 'determiner_noun_agreement_irregular_2', 'determiner_noun_agreement_with_adj_2',
    'determiner_noun_agreement_with_adj_irregular_1', 'determiner_noun_agreement_with_adj_irregular_2',
    'determiner_noun_agreement_with_adjective_1', 'distractor_agreement_relational_noun', 'distractor_agreement_relative_clause',
    'drop_argument', 'ellipsis_n_bar_1', 'ellipsis_n_bar_2', 'existential_there_object_raising',
    'existential_there_quantifiers_1', 'existential_there_quantifiers_2', 'existential_there_subject_raising',
    'expletive_it_object_raising', 'inchoative', 'intransitive', 'irregular_past_participle_adjectives',
    'irregular_past_participle_verbs', 'irregular_plural_subject_verb_agreement_1', 'irregular_plural_subject_verb_agreement_2',
    'left_branch_island_echo_question', 'left_branch_island_simple_question', 'matrix_question_npi_licensor_present',
    'npi_present_1', 'npi_present_2', 'only_npi_licensor_present', 'only_npi_scope', 'passive_1', 'passive_2',
    'principle_A_c_command', 'principle_A_case_1', 'principle_A_case_2', 'principle_A_domain_1', 'principle_A_domain_2',
    'principle_A_domain_3', 'principle_A_reconstruction', 'regular_plural_subject_verb_agreement_1',
    'regular_plural_subject_verb_agreement_2', 'sentential_negation_npi_licensor_present', 'sentential_negation_npi_scope',
    'sentential_subject_island', 'superlative_quantifiers_1', 'superlative_quantifiers_2', 'tough_vs_raising_1',
    'tough_vs_raising_2', 'transitive', 'wh_island', 'wh_questions_object_gap', 'wh_questions_subject_gap',
    'wh_questions_subject_gap_long_distance', 'wh_vs_that_no_gap', 'wh_vs_that_no_gap_long_distance', 'wh_vs_that_with_gap',
    'wh_vs_that_with_gap_long_distance'
  ].map((p) => `blimp_${p}`),
  ...['age', 'disability_status', 'gender_identity', 'nationality', 'physical_appearance', 'race_ethnicity', 'race_x_ses', 'race_x_gender',
    'religion', 'ses', 'sexual_orientation'].map((c) => `bbq_${c}`),
  ...['aqua_rat', 'logiqa_en', 'logiqa_zh', 'lsat_ar', 'lsat_lr', 'lsat_rc', 'sat_en', 'sat_en_without_passage', 'sat_math', 'gaokao_biology',
    'gaokao_chemistry', 'gaokao_chinese', 'gaokao_english', 'gaokao_geography', 'gaokao_history', 'gaokao_mathqa', 'gaokao_physics'].map(
    (e) => `agieval_${e}`,
  ),
  ...['art', 'biology', 'chemistry', 'math', 'physics', 'accounting', 'agriculture', 'architecture_and_engineering', 'art_theory',
    'basic_medical_science', 'clinical_medicine', 'design', 'diagnostics_and_laboratory_medicine', 'electronics', 'energy_and_power',
    'finance', 'geography', 'history', 'literature', 'manage', 'marketing', 'materials', 'mechanical_engineering', 'music', 'pharmacy',
    'public_health', 'sociology', 'mcq', 'open'].map((s) => `mmmu_${s}`),
  'mmmu_pro_vision', 'hle_text',
];

test('runnable_only lists exactly the runnable benchmarks and their surfaced subtasks (the mgsm languages), the others with include_subtasks', async () => {
  for (const [query, expected] of [
    ['runnable_only=true', [...RUNNABLE, ...MGSM_SUBTASKS]],
    ['runnable_only=true&include_subtasks=true', [...RUNNABLE, ...MGSM_SUBTASKS, ...HIDDEN_SUBTASKS, ...RUNNABLE_SUBTASKS]],
  ] as const) {
    const res = await request(t.app).get(`/api/benchmarks?${query}`);
    expect(res.status).toBe(200);
    expect(res.body.map((b: { name: string }) => b.name).sort()).toEqual([...expected].sort());
    expect(res.body.every((b: { runnable: boolean }) => b.runnable)).toBe(true);
  }
});

test('details by name, with - and _ interchangeable', async () => {
  const res = await request(t.app).get('/api/benchmarks/mmlu_pro');
  expect(res.status).toBe(200);
  expect(res.body.name).toBe('mmlu-pro');
});

test('an unknown benchmark is 404 RESOURCE_NOT_FOUND', async () => {
  const res = await request(t.app).get('/api/benchmarks/not-a-benchmark');
  expect(res.status).toBe(404);
  expect(res.body).toEqual({ code: 'RESOURCE_NOT_FOUND', detail: 'Benchmark "not-a-benchmark" not found' });
});

test('a bad query type is a 422', async () => {
  const res = await request(t.app).get('/api/benchmarks?include_subtasks=maybe');
  expect(res.status).toBe(422);
  expect(res.body.code).toBe('VALIDATION_ERROR');
});
