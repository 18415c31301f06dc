/** deep_research_bench's pure logic (RACE, FACT, solver orchestration, scorer, metrics); the host injects the I/O. */
export * from './deep-research.types';
export * from './deep-research.prompts';
export * from './deep-research-citations';
export { runRaceEvaluation, extractJsonFromMarkdown, calculateWeightedScores, formatCriteriaList, cleanArticle, RACE_DIMENSIONS } from './deep-research-race';
export { runFactEvaluation, removeUrls, cleanEscape } from './deep-research-fact';
export { evaluateResearchArticle } from './deep-research.solver';
export * from './deep-research.scorer';
