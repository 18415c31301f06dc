import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FACT_SCORER_DEMONS } from './factscore-demons.data';
import {
  ATOMIC_FACTS_INSTRUCTIONS,
  detectInitials,
  factCheckPrompt,
  factscoreSentences,
  fixSentenceSplitter,
  gptOutputToSentences,
  isSupported,
  verificationInstructions,
} from './factscore.scorer';

/** Written by test/vectors/factscore/factscore-vectors.generator.py with FactScoreLite 1.3.0's own code. */
const VECTORS = JSON.parse(readFileSync(join(__dirname, '../../test/vectors/factscore/factscore-lite.json'), 'utf8')) as {
  atomic_instructions: string;
  verification_instructions: string[];
  verification_prompt: string;
  gpt_output_to_sentences: [string, string[]][];
  detect_initials: [string, string[]][];
  fix_sentence_splitter: [string[], string[], string[]][];
  verdicts: [string, boolean][];
};

describe('FactScoreLite 1.3.0, step by step against its own code', () => {
  it('builds the atomic-fact instructions and each of the four verification instructions character for character', () => {
    expect(ATOMIC_FACTS_INSTRUCTIONS).toBe(VECTORS.atomic_instructions);
    expect(FACT_SCORER_DEMONS.slice(1).map(verificationInstructions)).toEqual(VECTORS.verification_instructions);
    // get_score's prompt for " fact 0 " (stripped) with the first unsupported example.
    expect(factCheckPrompt('fact 0', 'Some context.', FACT_SCORER_DEMONS[1])).toBe(VECTORS.verification_prompt);
  });

  it.each(VECTORS.gpt_output_to_sentences)('reads the facts of %j', (text, facts) => {
    expect(gptOutputToSentences(text)).toEqual(facts);
  });

  it.each(VECTORS.detect_initials)('finds the initials of %j', (text, initials) => {
    expect(detectInitials(text)).toEqual(initials);
  });

  it.each(VECTORS.fix_sentence_splitter)('repairs the split %j (initials %j)', (sentences, initials, fixed) => {
    expect(fixSentenceSplitter(sentences, initials)).toEqual(fixed);
  });

  it.each(VECTORS.verdicts)('reads the verdict %j', (output, supported) => {
    expect(isSupported(output)).toBe(supported);
  });

  it('splits an answer with Punkt, then folds a sentence starting in lowercase into the one before', () => {
    expect(factscoreSentences('Ada Lovelace was an English mathematician. She worked with Charles Babbage.')).toEqual([
      'Ada Lovelace was an English mathematician.',
      'She worked with Charles Babbage.',
    ]);
    expect(factscoreSentences('Alan Turing was a mathematician. he was born in London.')).toEqual(['Alan Turing was a mathematician. he was born in London.']);
  });

  it('fails on an empty "- " item, where Python raises IndexError', () => {
    expect(() => gptOutputToSentences('- ')).toThrow('IndexError');
  });
});
