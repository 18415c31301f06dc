/** Types of the deep_research_bench port: the pipelines' inputs and results, and the I/O the host injects. */

/** One criterion of a task, as in the original project's `criteria.jsonl`. */
export interface DeepResearchCriterion {
  criterion: string;
  explanation: string;
  weight: number;
}

/** A task's criteria row (`criteria.jsonl`): the four dimensions' weights and their criteria. */
export interface DeepResearchCriteria {
  id?: number;
  prompt: string;
  dimension_weight: Record<string, number>;
  criterions: Record<string, DeepResearchCriterion[]>;
}

/**
 * Everything the pipelines need from outside. Upstream calls its judges with an empty system prompt, which its
 * `generate` drops, so the pipelines call them with the user prompt only.
 */
export interface DeepResearchIo {
  /** Upstream `RACEEvaluatorLLM.generate`: throws with the provider's message. */
  raceJudge(userPrompt: string, systemPrompt?: string): Promise<string>;
  /** Upstream `FACTEvaluatorLLM.generate`. */
  factJudge(userPrompt: string, systemPrompt?: string): Promise<string>;
  /** `clean_article_single_attempt`'s `generate(state)` with the cleaning prompt as the only message: the completion. */
  modelUnderTest(userPrompt: string): Promise<string>;
  /** Upstream `asyncio.sleep`, injectable so tests do not wait. */
  sleep(ms: number): Promise<void>;
}

/** Upstream `JinaWebScraper.scrape_url`'s result. */
export type ScrapeResult =
  | { url: string; title: string; description: string; content: string; publish_time: string }
  | { url: string; content: ''; error: string };

export interface DeepResearchScraper {
  scrape(url: string): Promise<ScrapeResult>;
}

export interface RaceInput {
  /** The article as the solver has it: the completion with the citation section appended. */
  article: string;
  /** The task's query (`state.input_text`). */
  prompt: string;
  language: string;
  criteria?: DeepResearchCriteria;
  referenceArticle?: string;
}

export interface RaceScores {
  comprehensiveness: number;
  insight: number;
  instruction_following: number;
  readability: number;
  overall_score: number;
}

export type RaceResult = RaceScores | { error: string; model_output?: string };

export interface FactInput {
  article: string;
  /** Unused by FACT, as upstream (it reads only the task id and the language). */
  prompt?: string;
  language: string;
}

export interface FactScores {
  total_citations: number;
  valid_citations: number;
  valid_rate: number;
}

/**
 * `fact_error` is upstream's message, or, when the FACT judge answers the extraction with a JSON object that has an
 * `"error"` key, that key's value (upstream returns it as the error), whatever its JSON type.
 */
export type FactResult = FactScores | { fact_error: unknown };

/** A titled source a provider reports beside the text (upstream's annotations); none of ours does yet. */
export interface CitationAnnotation {
  url?: unknown;
  title?: unknown;
  [key: string]: unknown;
}

export interface ResearchArticleInput {
  /** The model's completion (`result.output.completion`). */
  completion: string;
  prompt: string;
  /** `state.metadata["language"]`; upstream defaults it to `"en"`. */
  language?: string;
  criteria?: DeepResearchCriteria;
  referenceArticle?: string;
  /** Citation URLs a provider reports in metadata (upstream methods 1-4); text-embedded ones are always added. */
  citations?: readonly string[];
  annotations?: readonly CitationAnnotation[];
}
