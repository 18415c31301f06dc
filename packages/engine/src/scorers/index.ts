/** openbench scorers, ported with Python's string and regex semantics. */
export { createAimeScorer, extractBoxedAnswer } from './aime.scorer';
export { extractAnswer, normalizeAnswer } from './answer-text.util';
export { BROWSECOMP_GRADER_TEMPLATE, createBrowsecompScorer } from './browsecomp.scorer';
export { createOtisMockAimeScorer, createSmtScorer, MOCK_AIME_GRADER_PROMPT, SMT_GRADER_PROMPT } from './correct-grader.scorer';
export { createDropScorer, getDropMetrics } from './drop.scorer';
export { createGptOssAimeScorer, extractBoxedText } from './gpt-oss-aime.scorer';
export { createHealthbenchScorer, formatChatMessages, formatRubric, HEALTHBENCH_GRADER_TEMPLATE, type Rubric } from './healthbench.scorer';
export { createHumanevalScorer, findCode } from './humaneval.scorer';
export { IFEVAL_INSTRUCTION_IDS, ifevalChecker } from './ifeval.checkers';
export { parseJsonFromResponse } from './json-response.util';
export { createIfevalScorer, looseResponses } from './ifeval.scorer';
export { createMathScorer, extractMathAnswer, MATH_EQUALITY_TEMPLATE } from './math.scorer';
export { createMbppScorer, parseMbppResponse } from './mbpp.scorer';
export { createMcqScorer, extractMcqAnswer, normalizeMcqAnswer, stripMdLatex } from './mcq.scorer';
export { createGradeSchoolMathScorer, createMgsmScorer, normalizeNumber, parseNumericAnswer } from './numeric.scorer';
export { formatPythonFloat, parsePythonFloat } from './python-float.util';
export { computeExactMatch, computeF1, createQaScorer, scoreQa } from './qa.scorer';
export { createSimpleqaScorer, inputText, SIMPLEQA_GRADER_TEMPLATE } from './simpleqa.scorer';
