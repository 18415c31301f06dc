/**
 * The whole-sample orchestration of openbench's `deep_research_solver` (`solvers/deep_research_bench/
 * deep_research_bench.py`, commit d03922c) after its `generate`: citation section, RACE, FACT, and the metadata
 * fields the solver sets, with its zero values on errors.
 */
import { researchArticleWithCitations } from './deep-research-citations';
import { runFactEvaluation } from './deep-research-fact';
import { errorText } from './deep-research-python.util';
import { runRaceEvaluation } from './deep-research-race';
import type { DeepResearchIo, DeepResearchScraper, ResearchArticleInput } from './deep-research.types';

/** The `state.metadata` fields upstream's solver sets, in the order it sets them. */
export async function evaluateResearchArticle(
  input: ResearchArticleInput,
  io: DeepResearchIo & DeepResearchScraper,
): Promise<Record<string, unknown>> {
  const metadata: Record<string, unknown> = {};
  const language = input.language ?? 'en';
  try {
    const article = researchArticleWithCitations(input.completion, input.citations, input.annotations);
    if (article === '') {
      metadata.evaluation_error = 'Failed to generate research article';
      metadata.overall_score = 0;
      return metadata;
    }

    const race = await runRaceEvaluation(
      { article, prompt: input.prompt, language, criteria: input.criteria, referenceArticle: input.referenceArticle },
      io,
    );
    if ('error' in race) {
      metadata.evaluation_error = race.error;
      metadata.overall_score = 0;
      metadata.comprehensiveness = 0;
      metadata.insight = 0;
      metadata.instruction_following = 0;
      metadata.readability = 0;
    } else {
      metadata.comprehensiveness = race.comprehensiveness;
      metadata.insight = race.insight;
      metadata.instruction_following = race.instruction_following;
      metadata.readability = race.readability;
      metadata.overall_score = race.overall_score;
    }

    const fact = await runFactEvaluation({ article, prompt: input.prompt, language }, io);
    if ('fact_error' in fact) {
      metadata.fact_error = fact.fact_error;
      metadata.total_citations = 0;
      metadata.valid_citations = 0;
      metadata.valid_rate = 0;
    } else {
      metadata.total_citations = fact.total_citations;
      metadata.valid_citations = fact.valid_citations;
      metadata.valid_rate = fact.valid_rate;
    }
  } catch (error) {
    metadata.evaluation_error = `Solver error: ${errorText(error)}`;
    metadata.overall_score = 0;
    metadata.comprehensiveness = 0;
    metadata.insight = 0;
    metadata.instruction_following = 0;
    metadata.readability = 0;
    metadata.total_citations = 0;
    metadata.valid_citations = 0;
    metadata.valid_rate = 0;
  }
  return metadata;
}
