/**
 * openbench's eval groups (`EVAL_GROUPS` in src/openbench/config.py, v0.5.3, transcribed in its order): a key, the
 * display name and description openbench prints, and the member benchmarks `bench eval <key>` expands to. The one
 * definition the catalog API, suites and `studio eval` read (`eval-group.catalog.ts`).
 */
export interface EvalGroupEntry {
  /** openbench's key (`-` and `_` interchangeable, as `expand_eval_groups` matches them). */
  readonly key: string;
  /** openbench's display name, the title of its group summary. */
  readonly name: string;
  readonly description: string;
  /** Member benchmark keys in openbench's order. */
  readonly members: readonly string[];
}

/** BIG-Bench Hard's tasks, the members of both `bbh` and `bbl`. */
const BBH_MEMBERS: readonly string[] = [
  'bbh_causal_judgment', 'bbh_date_understanding', 'bbh_disambiguation_qa', 'bbh_geometric_shapes',
  'bbh_logical_deduction_five_objects', 'bbh_logical_deduction_seven_objects',
  'bbh_logical_deduction_three_objects', 'bbh_movie_recommendation', 'bbh_navigate',
  'bbh_reasoning_about_colored_objects', 'bbh_ruin_names', 'bbh_salient_translation_error_detection',
  'bbh_snarks', 'bbh_sports_understanding', 'bbh_temporal_sequences',
  'bbh_tracking_shuffled_objects_five_objects', 'bbh_tracking_shuffled_objects_seven_objects',
  'bbh_tracking_shuffled_objects_three_objects'
];

export const EVAL_GROUPS: readonly EvalGroupEntry[] = [
  {
    key: 'bigbench',
    name: 'BIG-Bench',
    description: 'Aggregate of 121 BIG-Bench tasks for comprehensive language model evaluation',
    members: [
      'bigbench_anachronisms', 'bigbench_analogical_similarity', 'bigbench_analytic_entailment',
      'bigbench_arithmetic', 'bigbench_authorship_verification', 'bigbench_bbq_lite_json',
      'bigbench_causal_judgment', 'bigbench_cause_and_effect', 'bigbench_checkmate_in_one',
      'bigbench_cifar10_classification', 'bigbench_code_line_description', 'bigbench_color',
      'bigbench_common_morpheme', 'bigbench_conceptual_combinations',
      'bigbench_contextual_parametric_knowledge_conflicts', 'bigbench_crash_blossom', 'bigbench_crass_ai',
      'bigbench_cryobiology_spanish', 'bigbench_cs_algorithms', 'bigbench_dark_humor_detection',
      'bigbench_date_understanding', 'bigbench_disambiguation_qa', 'bigbench_discourse_marker_prediction',
      'bigbench_dyck_languages', 'bigbench_elementary_math_qa', 'bigbench_emoji_movie',
      'bigbench_emojis_emotion_prediction', 'bigbench_empirical_judgments', 'bigbench_english_proverbs',
      'bigbench_english_russian_proverbs', 'bigbench_entailed_polarity', 'bigbench_entailed_polarity_hindi',
      'bigbench_epistemic_reasoning', 'bigbench_evaluating_information_essentiality', 'bigbench_fact_checker',
      'bigbench_fantasy_reasoning', 'bigbench_figure_of_speech_detection',
      'bigbench_formal_fallacies_syllogisms_negation', 'bigbench_general_knowledge', 'bigbench_geometric_shapes',
      'bigbench_goal_step_wikihow', 'bigbench_gre_reading_comprehension', 'bigbench_hhh_alignment',
      'bigbench_hindu_knowledge', 'bigbench_hinglish_toxicity', 'bigbench_human_organs_senses',
      'bigbench_hyperbaton', 'bigbench_identify_math_theorems', 'bigbench_identify_odd_metaphor',
      'bigbench_implicatures', 'bigbench_implicit_relations', 'bigbench_indic_cause_and_effect',
      'bigbench_intent_recognition', 'bigbench_international_phonetic_alphabet_nli',
      'bigbench_intersect_geometry', 'bigbench_irony_identification', 'bigbench_kanji_ascii', 'bigbench_kannada',
      'bigbench_key_value_maps', 'bigbench_known_unknowns', 'bigbench_language_identification',
      'bigbench_logic_grid_puzzle', 'bigbench_logical_args', 'bigbench_logical_deduction',
      'bigbench_logical_fallacy_detection', 'bigbench_logical_sequence', 'bigbench_mathematical_induction',
      'bigbench_medical_questions_russian', 'bigbench_metaphor_boolean', 'bigbench_metaphor_understanding',
      'bigbench_minute_mysteries_qa', 'bigbench_misconceptions', 'bigbench_misconceptions_russian',
      'bigbench_mnist_ascii', 'bigbench_moral_permissibility', 'bigbench_movie_dialog_same_or_different',
      'bigbench_movie_recommendation', 'bigbench_navigate', 'bigbench_nonsense_words_grammar',
      'bigbench_novel_concepts', 'bigbench_odd_one_out', 'bigbench_parsinlu_qa', 'bigbench_penguins_in_a_table',
      'bigbench_periodic_elements', 'bigbench_persian_idioms', 'bigbench_phrase_relatedness',
      'bigbench_physical_intuition', 'bigbench_physics', 'bigbench_play_dialog_same_or_different',
      'bigbench_presuppositions_as_nli', 'bigbench_question_selection', 'bigbench_real_or_fake_text',
      'bigbench_reasoning_about_colored_objects', 'bigbench_rhyming', 'bigbench_riddle_sense',
      'bigbench_ruin_names', 'bigbench_salient_translation_error_detection', 'bigbench_sentence_ambiguity',
      'bigbench_similarities_abstraction', 'bigbench_simple_ethical_questions', 'bigbench_snarks',
      'bigbench_social_iqa', 'bigbench_social_support', 'bigbench_sports_understanding',
      'bigbench_strange_stories', 'bigbench_strategyqa', 'bigbench_suicide_risk',
      'bigbench_swahili_english_proverbs', 'bigbench_swedish_to_german_proverbs',
      'bigbench_symbol_interpretation', 'bigbench_temporal_sequences', 'bigbench_timedial',
      'bigbench_tracking_shuffled_objects', 'bigbench_understanding_fables', 'bigbench_undo_permutation',
      'bigbench_unit_conversion', 'bigbench_unit_interpretation', 'bigbench_vitaminc_fact_verification',
      'bigbench_what_is_the_tao', 'bigbench_which_wiki_edit', 'bigbench_winowhy'
    ],
  },
  {
    key: 'bbh',
    name: 'BIG-Bench Hard',
    description: 'Aggregate of 18 challenging BIG-Bench tasks that require multi-step reasoning',
    members: BBH_MEMBERS,
  },
  {
    key: 'agieval',
    name: 'AGIEval',
    description: 'Aggregate of 17 AGIEval exam tasks testing human-level reasoning across various domains',
    members: [
      'agieval_aqua_rat', 'agieval_gaokao_biology', 'agieval_gaokao_chemistry', 'agieval_gaokao_chinese',
      'agieval_gaokao_english', 'agieval_gaokao_geography', 'agieval_gaokao_history', 'agieval_gaokao_mathqa',
      'agieval_gaokao_physics', 'agieval_logiqa_en', 'agieval_logiqa_zh', 'agieval_lsat_ar', 'agieval_lsat_lr',
      'agieval_lsat_rc', 'agieval_sat_en', 'agieval_sat_en_without_passage', 'agieval_sat_math'
    ],
  },
  {
    key: 'ethics',
    name: 'ETHICS',
    description: 'Aggregate of 5 ETHICS moral reasoning tasks',
    members: [
      'ethics_commonsense', 'ethics_deontology', 'ethics_justice', 'ethics_utilitarianism', 'ethics_virtue'
    ],
  },
  {
    key: 'blimp',
    name: 'BLiMP',
    description: 'Aggregate of 67 BLiMP linguistic tasks',
    members: [
      'blimp_adjunct_island', 'blimp_anaphor_gender_agreement', 'blimp_anaphor_number_agreement',
      'blimp_animate_subject_passive', 'blimp_animate_subject_trans', 'blimp_causative',
      'blimp_complex_NP_island', 'blimp_coordinate_structure_constraint_complex_left_branch',
      'blimp_coordinate_structure_constraint_object_extraction', 'blimp_determiner_noun_agreement_1',
      'blimp_determiner_noun_agreement_2', 'blimp_determiner_noun_agreement_irregular_1',
      'blimp_determiner_noun_agreement_irregular_2', 'blimp_determiner_noun_agreement_with_adj_2',
      'blimp_determiner_noun_agreement_with_adj_irregular_1',
      'blimp_determiner_noun_agreement_with_adj_irregular_2', 'blimp_determiner_noun_agreement_with_adjective_1',
      'blimp_distractor_agreement_relational_noun', 'blimp_distractor_agreement_relative_clause',
      'blimp_drop_argument', 'blimp_ellipsis_n_bar_1', 'blimp_ellipsis_n_bar_2',
      'blimp_existential_there_object_raising', 'blimp_existential_there_quantifiers_1',
      'blimp_existential_there_quantifiers_2', 'blimp_existential_there_subject_raising',
      'blimp_expletive_it_object_raising', 'blimp_inchoative', 'blimp_intransitive',
      'blimp_irregular_past_participle_adjectives', 'blimp_irregular_past_participle_verbs',
      'blimp_irregular_plural_subject_verb_agreement_1', 'blimp_irregular_plural_subject_verb_agreement_2',
      'blimp_left_branch_island_echo_question', 'blimp_left_branch_island_simple_question',
      'blimp_matrix_question_npi_licensor_present', 'blimp_npi_present_1', 'blimp_npi_present_2',
      'blimp_only_npi_licensor_present', 'blimp_only_npi_scope', 'blimp_passive_1', 'blimp_passive_2',
      'blimp_principle_A_c_command', 'blimp_principle_A_case_1', 'blimp_principle_A_case_2',
      'blimp_principle_A_domain_1', 'blimp_principle_A_domain_2', 'blimp_principle_A_domain_3',
      'blimp_principle_A_reconstruction', 'blimp_regular_plural_subject_verb_agreement_1',
      'blimp_regular_plural_subject_verb_agreement_2', 'blimp_sentential_negation_npi_licensor_present',
      'blimp_sentential_negation_npi_scope', 'blimp_sentential_subject_island', 'blimp_superlative_quantifiers_1',
      'blimp_superlative_quantifiers_2', 'blimp_tough_vs_raising_1', 'blimp_tough_vs_raising_2',
      'blimp_transitive', 'blimp_wh_island', 'blimp_wh_questions_object_gap', 'blimp_wh_questions_subject_gap',
      'blimp_wh_questions_subject_gap_long_distance', 'blimp_wh_vs_that_no_gap',
      'blimp_wh_vs_that_no_gap_long_distance', 'blimp_wh_vs_that_with_gap',
      'blimp_wh_vs_that_with_gap_long_distance'
    ],
  },
  {
    key: 'glue',
    name: 'GLUE',
    description: 'Aggregate of 10 GLUE NLU tasks',
    members: [
      'glue_cola', 'glue_mnli', 'glue_mnli_mismatched', 'glue_mrpc', 'glue_qnli', 'glue_qqp', 'glue_rte',
      'glue_sst2', 'glue_stsb', 'glue_wnli'
    ],
  },
  {
    key: 'global_mmlu',
    name: 'Global-MMLU',
    description: 'Aggregate of 42 Global-MMLU language tasks',
    members: [
      'global_mmlu_amharic', 'global_mmlu_arabic', 'global_mmlu_bengali', 'global_mmlu_chichewa',
      'global_mmlu_chinese', 'global_mmlu_czech', 'global_mmlu_dutch', 'global_mmlu_english',
      'global_mmlu_filipino', 'global_mmlu_french', 'global_mmlu_german', 'global_mmlu_greek',
      'global_mmlu_hausa', 'global_mmlu_hebrew', 'global_mmlu_hindi', 'global_mmlu_igbo',
      'global_mmlu_indonesian', 'global_mmlu_italian', 'global_mmlu_japanese', 'global_mmlu_korean',
      'global_mmlu_kyrgyz', 'global_mmlu_lithuanian', 'global_mmlu_malagasy', 'global_mmlu_malay',
      'global_mmlu_nepali', 'global_mmlu_persian', 'global_mmlu_polish', 'global_mmlu_portuguese',
      'global_mmlu_romanian', 'global_mmlu_russian', 'global_mmlu_serbian', 'global_mmlu_shona',
      'global_mmlu_sinhala', 'global_mmlu_somali', 'global_mmlu_spanish', 'global_mmlu_swahili',
      'global_mmlu_swedish', 'global_mmlu_telugu', 'global_mmlu_turkish', 'global_mmlu_ukrainian',
      'global_mmlu_vietnamese', 'global_mmlu_yoruba'
    ],
  },
  {
    key: 'xcopa',
    name: 'XCOPA',
    description: 'Aggregate of 11 XCOPA language tasks',
    members: [
      'xcopa_et', 'xcopa_ht', 'xcopa_id', 'xcopa_it', 'xcopa_qu', 'xcopa_sw', 'xcopa_ta', 'xcopa_th', 'xcopa_tr',
      'xcopa_vi', 'xcopa_zh'
    ],
  },
  {
    key: 'xstorycloze',
    name: 'XStoryCloze',
    description: 'Aggregate of 11 XStoryCloze tasks',
    members: [
      'xstorycloze_ar', 'xstorycloze_en', 'xstorycloze_es', 'xstorycloze_eu', 'xstorycloze_hi', 'xstorycloze_id',
      'xstorycloze_my', 'xstorycloze_ru', 'xstorycloze_sw', 'xstorycloze_te', 'xstorycloze_zh'
    ],
  },
  {
    key: 'xwinograd',
    name: 'XWinograd',
    description: 'Aggregate of 6 XWinograd tasks',
    members: [
      'xwinograd_en', 'xwinograd_fr', 'xwinograd_jp', 'xwinograd_pt', 'xwinograd_ru', 'xwinograd_zh'
    ],
  },
  {
    key: 'mgsm',
    name: 'MGSM',
    description: 'Multilingual Grade School Math across 11 languages',
    members: [
      'mgsm_en', 'mgsm_de', 'mgsm_es', 'mgsm_fr', 'mgsm_sw', 'mgsm_bn', 'mgsm_ja', 'mgsm_ru', 'mgsm_te',
      'mgsm_th', 'mgsm_zh', 'mgsm_latin', 'mgsm_non_latin'
    ],
  },
  {
    key: 'arabic_exams',
    name: 'Arabic Exams',
    description: 'Aggregate of 40+ Arabic exam tasks',
    members: [
      'arabic_exams_accounting_university', 'arabic_exams_arabic_language_general',
      'arabic_exams_arabic_language_grammar', 'arabic_exams_arabic_language_high_school',
      'arabic_exams_arabic_language_middle_school', 'arabic_exams_arabic_language_primary_school',
      'arabic_exams_biology_high_school', 'arabic_exams_civics_high_school', 'arabic_exams_civics_middle_school',
      'arabic_exams_computer_science_high_school', 'arabic_exams_computer_science_middle_school',
      'arabic_exams_computer_science_primary_school', 'arabic_exams_computer_science_university',
      'arabic_exams_driving_test', 'arabic_exams_economics_high_school', 'arabic_exams_economics_middle_school',
      'arabic_exams_economics_university', 'arabic_exams_general_knowledge',
      'arabic_exams_general_knowledge_middle_school', 'arabic_exams_general_knowledge_primary_school',
      'arabic_exams_geography_high_school', 'arabic_exams_geography_middle_school',
      'arabic_exams_geography_primary_school', 'arabic_exams_history_high_school',
      'arabic_exams_history_middle_school', 'arabic_exams_history_primary_school',
      'arabic_exams_islamic_studies_general', 'arabic_exams_islamic_studies_high_school',
      'arabic_exams_islamic_studies_middle_school', 'arabic_exams_islamic_studies_primary_school',
      'arabic_exams_law_professional', 'arabic_exams_management_university', 'arabic_exams_math_high_school',
      'arabic_exams_math_primary_school', 'arabic_exams_natural_science_middle_school',
      'arabic_exams_natural_science_primary_school', 'arabic_exams_philosophy_high_school',
      'arabic_exams_physics_high_school', 'arabic_exams_political_science_university',
      'arabic_exams_social_science_middle_school', 'arabic_exams_social_science_primary_school'
    ],
  },
  {
    key: 'anli',
    name: 'ANLI',
    description: 'Aggregate of 3 ANLI rounds',
    members: [
      'anli_r1', 'anli_r2', 'anli_r3'
    ],
  },
  {
    key: 'healthbench',
    name: 'HealthBench',
    description: 'Aggregate of HealthBench tasks',
    members: [
      'healthbench_consensus', 'healthbench_hard'
    ],
  },
  {
    key: 'openai_mrcr',
    name: 'OpenAI MRCR',
    description: 'Aggregate of 3 MRCR needle tasks',
    members: [
      'openai_mrcr_2n', 'openai_mrcr_4n', 'openai_mrcr_8n'
    ],
  },
  {
    key: 'matharena',
    name: 'MathArena',
    description: 'Aggregate of 11 math competition tasks',
    members: [
      'aime_2023_I', 'aime_2023_II', 'aime_2024', 'aime_2024_I', 'aime_2024_II', 'aime_2025', 'aime_2025_II',
      'brumo_2025', 'hmmt_feb_2023', 'hmmt_feb_2024', 'hmmt_feb_2025'
    ],
  },
  {
    key: 'qa4mre',
    name: 'QA4MRE',
    description: 'Aggregate of 3 QA4MRE years',
    members: [
      'qa4mre_2011', 'qa4mre_2012', 'qa4mre_2013'
    ],
  },
  {
    key: 'otis_mock_aime',
    name: 'OTIS Mock AIME',
    description: 'Aggregate of 2 Mock AIME years',
    members: [
      'otis_mock_aime_2024', 'otis_mock_aime_2025'
    ],
  },
  {
    key: 'smt',
    name: 'SMT 2024',
    description: 'Aggregate of 6 Stanford Math Tournament 2024 categories',
    members: [
      'smt_algebra', 'smt_calculus', 'smt_discrete', 'smt_general', 'smt_geometry', 'smt_guts'
    ],
  },
  {
    key: 'cti_bench',
    name: 'CTI-Bench',
    description: 'Aggregate of 4 CTI-Bench tasks',
    members: [
      'cti_bench_ate', 'cti_bench_mcq', 'cti_bench_rcm', 'cti_bench_vsp'
    ],
  },
  {
    key: 'bbl',
    name: 'BIG-Bench Lite',
    description: 'BIG-Bench Lite - 18 selected BBH tasks',
    // The same 18 tasks as BBH (openbench lists them twice).
    members: BBH_MEMBERS,
  },
  {
    key: 'math_group_22_10_2025',
    name: 'Mathematics - 22 Oct 2025',
    description: 'Comprehensive mathematics evaluation including competition math, multilingual grade school math, and advanced problem solving',
    members: [
      'aime_2025', 'aime_2025_II', 'hmmt_feb_2025', 'brumo_2025', 'otis_mock_aime_2025', 'smt_algebra',
      'smt_calculus', 'smt_discrete', 'smt_general', 'smt_geometry', 'smt_guts'
    ],
  },
  {
    key: 'mmmlu',
    name: 'MMMLU',
    description: 'MMLU in 14 languages',
    members: [
      'mmmlu_ar_xy', 'mmmlu_bn_bd', 'mmmlu_de_de', 'mmmlu_es_la', 'mmmlu_fr_fr', 'mmmlu_hi_in', 'mmmlu_id_id',
      'mmmlu_it_it', 'mmmlu_ja_jp', 'mmmlu_ko_kr', 'mmmlu_pt_br', 'mmmlu_zh_cn', 'mmmlu_sw_ke', 'mmmlu_yo_ng'
    ],
  },
  {
    key: 'superglue',
    name: 'SuperGLUE',
    description: 'SuperGLUE benchmark with 6 NLU tasks',
    members: [
      'boolq', 'cb', 'copa', 'multirc', 'rte', 'wic', 'wsc'
    ],
  },
  {
    key: 'polyglotoxicity',
    name: 'PolygloToxicityPrompts',
    description: 'Multilingual evaluation of neural toxic degeneration across 17 languages',
    members: [
      'polyglotoxicity_arabic', 'polyglotoxicity_chinese', 'polyglotoxicity_czech', 'polyglotoxicity_dutch',
      'polyglotoxicity_english', 'polyglotoxicity_french', 'polyglotoxicity_german', 'polyglotoxicity_hindi',
      'polyglotoxicity_indonesian', 'polyglotoxicity_italian', 'polyglotoxicity_japanese',
      'polyglotoxicity_korean', 'polyglotoxicity_polish', 'polyglotoxicity_portuguese', 'polyglotoxicity_russian',
      'polyglotoxicity_swedish', 'polyglotoxicity_spanish'
    ],
  },
  {
    key: 'bbq',
    name: 'BBQ (Bias Benchmark for QA)',
    description: 'Aggregate of 11 BBQ bias evaluation tasks across demographic categories',
    members: [
      'bbq_age', 'bbq_disability_status', 'bbq_gender_identity', 'bbq_nationality', 'bbq_physical_appearance',
      'bbq_race_ethnicity', 'bbq_race_x_ses', 'bbq_race_x_gender', 'bbq_religion', 'bbq_ses',
      'bbq_sexual_orientation'
    ],
  },
  {
    key: 'jailbreak',
    name: 'M2S conversions of multi-turn jailbreak datasets',
    description: 'Aggregate of 3 M2S conversions of multi-turn jailbreak datasets',
    members: [
      'safemt_m2s', 'cosafe_m2s', 'mhj_m2s'
    ],
  },
  {
    key: 'multimodal',
    name: 'Multimodal Benchmarks',
    description: 'Select suite of vision-language benchmarks (note: this is not a comprehensive list of all multimodal benchmarks)',
    members: [
      'chartqapro', 'mathvista', 'mmmu_pro_vision', 'mmstar', 'mmvetv2', 'ocrbenchv2', 'rocketscience'
    ],
  },
  {
    key: 'tau_bench',
    name: 'TauBench',
    description: 'Aggregate of 3 TauBench tasks',
    members: [
      'tau_bench_retail', 'tau_bench_airline', 'tau_bench_telecom'
    ],
  },
];
