/**
 * The IFEval port against verdicts of openbench's own checkers (test/vectors/README.md, "IFEval"): every prompt of
 * google/IFEval crossed with three responses of a bank and one prompt per instruction (and language) crossed with the
 * whole bank, strict and loose per instruction; and the NLP pieces against
 * Python's NLTK and langdetect on the same bank.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readVectors } from '../../test/vectors/read-vectors';
import { createIfevalScorer } from './ifeval.scorer';
import { detectLanguage } from './nlp/langdetect';
import { sentTokenize, wordTokenize } from './nlp/nltk-tokenize';

const RESPONSES = JSON.parse(readFileSync(join(__dirname, '../../test/vectors/ifeval-responses.json'), 'utf8')) as string[];
/** google/IFEval's 541 prompts (test/fixtures/tasks/instruction/SOURCE.md). */
const PROMPTS = new Map(
  readFileSync(join(__dirname, '../../test/fixtures/tasks/instruction/ifeval-input-data.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { key: number; instruction_id_list: string[]; kwargs: Record<string, unknown>[] })
    .map((row) => [row.key, row]),
);

interface Verdict {
  key: number;
  response: number;
  strict: boolean[];
  loose: boolean[];
}

interface NlpCase {
  response: number;
  sentences: string[];
  words: string[];
  language: string | null;
}

describe('IFEval checkers against openbench’s verdicts (2935 prompt × response cases)', () => {
  const verdicts = readVectors<Verdict>('ifeval-verdicts.jsonl');
  const scorer = createIfevalScorer();

  it('reproduces every strict and loose verdict', async () => {
    const mismatches: string[] = [];
    for (const verdict of verdicts) {
      const row = PROMPTS.get(verdict.key)!;
      const score = await scorer.score({
        sample: { id: String(verdict.key), input: '', target: '', metadata: { instruction_id_list: row.instruction_id_list, kwargs: row.kwargs } },
        completion: RESPONSES[verdict.response],
        messages: [],
      });
      const got = { strict: score.metadata?.strict_follow_instruction_list, loose: score.metadata?.loose_follow_instruction_list };
      if (JSON.stringify(got) !== JSON.stringify({ strict: verdict.strict, loose: verdict.loose })) {
        mismatches.push(`key ${verdict.key} × response ${verdict.response} (${row.instruction_id_list.join(', ')}): got ${JSON.stringify(got)}, want ${JSON.stringify({ strict: verdict.strict, loose: verdict.loose })}`);
      }
      expect(score.value).toBe(verdict.strict.every(Boolean) ? 1.0 : 0.0);
    }
    expect(mismatches).toEqual([]);
    expect(verdicts).toHaveLength(2935);
  });
});

describe('NLTK and langdetect ports against Python on the response bank', () => {
  const cases = readVectors<NlpCase>('ifeval-nlp.jsonl');

  it.each(cases.map((c) => [c.response, c] as const))('response %i: sentences, words and language', (index, expected) => {
    const text = RESPONSES[index];
    expect(sentTokenize(text)).toEqual(expected.sentences);
    expect(wordTokenize(text)).toEqual(expected.words);
    expect(detectLanguage(text)).toBe(expected.language);
  });
});
