/**
 * openbench's FActScore scorer (`scorers/factscore.py`) and the FactScoreLite 1.3.0 steps it calls
 * (`atomic_facts.py`, `fact_scorer.py`): the answer is split into sentences (NLTK Punkt), each sentence is broken into
 * atomic facts by the grader, each fact is checked by the grader against the topic's Wikipedia passages, and the
 * supported fraction is scaled by FActScore's length penalty. Every grader call is FactScoreLite's `OpenAIAgent`
 * request: one user message, `max_tokens` 1024, temperature 0.7.
 */
import type { GenerateConfig } from '@studio/providers';
import type { Generator, Sample, Score, ScoreContext, Scorer } from '../types';
import { KnowledgeSourceError, type WikipediaKnowledge } from '../scoring-services/wikipedia-knowledge.source';
import { PythonRandom } from '../tasks/shared/python-random.util';
import { ATOMIC_FACTS_DEMONS, FACT_SCORER_DEMONS, type FactScorerDemon } from './factscore-demons.data';
import { requireGrader } from './grader.util';
import { sentTokenize } from './nlp/nltk-tokenize';
import { pyIsUpper, pyLower, pySplitWhitespace, pyStrip, removePunctuation } from './python-text.util';
import { inputText } from './simpleqa.scorer';

/** FactScoreLite `configs.max_tokens` and `configs.temp`. */
export const FACTSCORE_GRADER_CONFIG: GenerateConfig = { max_tokens: 1024, temperature: 0.7 };

export interface FactscoreOptions {
  /** FActScore's gamma: answers with fewer facts are scaled by exp(1 - gamma / facts); 0 turns the penalty off. */
  gamma: number;
  /** Wikipedia paragraphs kept per topic. */
  passages: number;
}

/** `AtomicFactGenerator.get_instructions`: the request, then every demonstration sentence with its facts. */
export const ATOMIC_FACTS_INSTRUCTIONS = ATOMIC_FACTS_DEMONS.reduce(
  (text, demon) =>
    `${text}Sentence:\n${demon.Sentence}\nIndependent Facts:\n${demon['Independent Facts'].map((fact) => `- ${fact}\n`).join('')}\n\n`,
  'Please breakdown the following sentence into independent facts:\n\n',
);

export function atomicFactsPrompt(sentence: string): string {
  return `${ATOMIC_FACTS_INSTRUCTIONS}Sentence:\n${sentence}\nIndependent Facts:`;
}

/** `detect_initials`: `re.findall(r"[A-Z]\. ?[A-Z]\.", text)`. */
export function detectInitials(text: string): string[] {
  return [...text.matchAll(/[A-Z]\. ?[A-Z]\./g)].map((match) => match[0]);
}

const isAlpha = (char: string) => /^\p{L}$/u.test(char);
const firstChar = (text: string) => String.fromCodePoint(text.codePointAt(0) as number);

/**
 * `fix_sentence_splitter`: rejoins sentences Punkt split inside an initial ("J. K."), then folds one-word sentences
 * and sentences starting with a lowercase letter into the previous one. (FactScoreLite's asserts there hold by
 * construction, so none is ported.)
 */
export function fixSentenceSplitter(input: readonly string[], initials: readonly string[]): string[] {
  let sentences = [...input];
  for (const initial of initials) {
    if (sentences.some((sentence) => sentence.includes(initial))) continue;
    const [alpha1, alpha2] = initial.split('.').map(pyStrip).filter((part) => part.length > 0);
    for (let i = 0; i + 1 < sentences.length; i++) {
      if (sentences[i].endsWith(`${alpha1}.`) && sentences[i + 1].startsWith(`${alpha2}.`)) {
        sentences = [...sentences.slice(0, i), `${sentences[i]} ${sentences[i + 1]}`, ...sentences.slice(i + 2)];
        break;
      }
    }
  }
  const results: string[] = [];
  let combineWithPrevious = false;
  sentences.forEach((sentence, index) => {
    if (pySplitWhitespace(sentence).length <= 1 && index === 0) {
      combineWithPrevious = true;
      results.push(sentence);
    } else if (pySplitWhitespace(sentence).length <= 1) {
      results[results.length - 1] += ` ${sentence}`;
      combineWithPrevious = false;
    } else if (isAlpha(firstChar(sentence)) && !pyIsUpper(firstChar(sentence)) && index > 0) {
      results[results.length - 1] += ` ${sentence}`;
      combineWithPrevious = false;
    } else if (combineWithPrevious) {
      results[results.length - 1] += ` ${sentence}`;
      combineWithPrevious = false;
    } else {
      results.push(sentence);
    }
  });
  return results;
}

/** `AtomicFactGenerator.run`'s sentence list: Punkt sentences, repaired around initials and fragments. */
export function factscoreSentences(text: string): string[] {
  return fixSentenceSplitter(sentTokenize(text), detectInitials(text));
}

/** `gpt_output_to_sentences`: each `- ` item, stripped, with a final period added when it has none. */
export function gptOutputToSentences(text: string): string[] {
  return text
    .split('- ')
    .slice(1)
    .map((item) => {
      const sentence = pyStrip(item);
      // Python's `sent.strip()[-1]` raises IndexError on an item with nothing after "- ".
      if (sentence === '') throw new Error('FactScoreLite gpt_output_to_sentences: IndexError: string index out of range');
      return sentence.endsWith('.') ? sentence : `${sentence}.`;
    });
}

/**
 * The unsupported example of a fact's verification prompt, one of the four after the first. FactScoreLite draws it
 * with the unseeded `random.choice(demons[1:])`; here CPython's `choice` is drawn from a `Random` seeded with the
 * fact, so a fact always meets the same example, whatever order samples score in.
 */
export function unsupportedExampleFor(fact: string): FactScorerDemon {
  const rest = FACT_SCORER_DEMONS.slice(1);
  return rest[new PythonRandom(fact).randbelow(rest.length)];
}

/** `FactScorer.get_instructions`: the instruction, the first (supported) demonstration, then `falseExample`. */
export function verificationInstructions(falseExample: FactScorerDemon): string {
  let instructions =
    'Instruction:\nOnly consider the statement true if it can be directly verified by the information in the context. If the information in the statement cannot be found in the context or differs from it, label it as false.\n\n';
  for (const demon of [FACT_SCORER_DEMONS[0], falseExample]) {
    instructions += `Context:\n${demon.knowledge_source}\n`;
    instructions += `Statement:\n${demon.fact} True or False?\n`;
    instructions += `Output:\n${demon.is_supported ? 'True' : 'False'}\n\n`;
  }
  return instructions;
}

export function factCheckPrompt(fact: string, knowledge: string, falseExample = unsupportedExampleFor(fact)): string {
  return `${verificationInstructions(falseExample)}Context:\n${knowledge}\nStatement:\n${fact} True or False?\nOutput:\n`;
}

/**
 * `FactScorer.get_score`'s verdict: "true" alone is supported, "false" alone is not, both: whichever comes last;
 * neither: supported unless a word of the reply (punctuation removed) is "not", "cannot", "unknown" or "information".
 */
export function isSupported(output: string): boolean {
  const answer = pyLower(output);
  const hasTrue = answer.includes('true');
  const hasFalse = answer.includes('false');
  if (hasTrue && !hasFalse) return true;
  if (hasFalse && !hasTrue) return false;
  if (hasTrue && hasFalse) return answer.indexOf('true') > answer.indexOf('false');
  const words = pySplitWhitespace(removePunctuation(answer));
  return ['not', 'cannot', 'unknown', 'information'].every((keyword) => !words.includes(keyword));
}

/** openbench's penalty: 1 from gamma facts on, else exp(1 - gamma / facts); gamma 0 leaves the score as it is. */
export function factscorePenalty(gamma: number, facts: number): number {
  if (!gamma || facts === 0) return 1;
  return facts >= gamma ? 1.0 : Math.exp(1 - gamma / facts);
}

interface Decision {
  fact: string;
  is_supported: boolean;
  output: string;
}

async function askFactscoreGrader(grader: Generator, prompt: string, signal: AbortSignal | undefined): Promise<string> {
  return (await grader.generate([{ role: 'user', content: prompt }], FACTSCORE_GRADER_CONFIG, signal)).completion;
}

/** The topic: `metadata.entity`, else the sample id (openbench falls back to `state.sample_id`). */
function topicOf(sample: Sample): string {
  const entity = sample.metadata?.entity;
  const topic = entity ? String(entity) : String(sample.id);
  if (pyStrip(topic) === '') throw new Error("FactScoreLite scorer requires the sample metadata to include a 'entity'.");
  return topic;
}

function scoreOf(generation: string, topic: string, result: { facts: string[]; decisions: Decision[]; score: number; init_score: number }): Score {
  const responded = result.decisions.length > 0;
  return {
    value: result.score,
    answer: generation,
    metadata: {
      topic,
      factscore: result.score,
      init_score: result.init_score,
      responded,
      facts_per_response: result.facts.length,
      decisions: result.decisions,
      respond_ratio_sample: responded ? 1.0 : 0.0,
      respond_ratio_batch: null,
      raw_result: { ...result, num_facts_per_response: result.facts.length },
    },
  };
}

export function createFactscoreScorer(options: FactscoreOptions): Scorer {
  return {
    name: 'factscore_scorer',
    async score(ctx: ScoreContext): Promise<Score> {
      const wikipedia: WikipediaKnowledge | undefined = ctx.services?.factscore_wikipedia;
      if (!wikipedia) throw new Error('factscore_scorer needs the FActScore Wikipedia knowledge base (ScoreContext.services)');
      const grader = requireGrader(ctx, 'factscore_scorer');
      const topic = topicOf(ctx.sample);
      const generation = ctx.completion;
      const empty = { facts: [], decisions: [], score: 0.0, init_score: 0.0 };
      if (pyStrip(generation) === '') return scoreOf(generation, topic, empty);

      let knowledge: string;
      try {
        knowledge = wikipedia.getKnowledge(topic, inputText(ctx.sample), options.passages);
      } catch (error) {
        // openbench re-raises a missing article as a plain error, failing the sample.
        if (error instanceof KnowledgeSourceError) throw new Error(error.message);
        throw error;
      }
      // FactScoreLite asks for one sentence's facts at a time, in order.
      const facts: string[] = [];
      for (const sentence of factscoreSentences(generation)) {
        const atoms = gptOutputToSentences(await askFactscoreGrader(grader, atomicFactsPrompt(sentence), ctx.signal));
        facts.push(...atoms.map(pyStrip).filter((fact) => fact !== ''));
      }
      if (facts.length === 0) return scoreOf(generation, topic, empty);

      const decisions: Decision[] = [];
      for (const fact of facts) {
        const atom = pyStrip(fact);
        const output = await askFactscoreGrader(grader, factCheckPrompt(atom, knowledge), ctx.signal);
        decisions.push({ fact: atom, is_supported: isSupported(output), output });
      }
      const initScore = decisions.filter((decision) => decision.is_supported).length / decisions.length;
      const score = factscorePenalty(options.gamma, decisions.length) * initScore;
      return scoreOf(generation, topic, { facts, decisions, score, init_score: initScore });
    },
  };
}
