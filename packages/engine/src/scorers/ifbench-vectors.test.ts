/**
 * The IFBench port against verdicts of openbench's own checkers run in Python (test/vectors/README.md, "IFBench"):
 * the model answers that ship with IFBench on their own prompts, a bank of synthetic responses on one prompt per
 * instruction id, and every prompt with two bank responses; plus the NLP pieces (word_tokenize, the first token's
 * part-of-speech tag, syllapy's counts) on every response.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readVectors } from '../../test/vectors/read-vectors';
import { IFBENCH_INSTRUCTION_IDS } from './ifbench.checkers';
import { createIfbenchScorer } from './ifbench.scorer';
import { wordTokenize } from './nlp/nltk-tokenize';
import { firstTokenTag } from './nlp/perceptron-tagger';
import { countSyllables } from './nlp/syllapy';
import { removePunctuation, pyLower, pySplitWhitespace } from './python-text.util';

const vectors = join(__dirname, '../../test/vectors');
const BANK = JSON.parse(readFileSync(join(vectors, 'ifbench-responses.json'), 'utf8')) as string[];
const SAMPLES = JSON.parse(readFileSync(join(vectors, 'ifbench-sample-responses.json'), 'utf8')) as { key: string; response: string }[];
/** allenai/IFBench_test's 300 rows (test/fixtures/tasks/instruction/SOURCE.md). */
const ROWS = new Map(
  readFileSync(join(__dirname, '../../test/fixtures/tasks/instruction/ifbench-test.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { key: string; instruction_id_list: string[]; kwargs: Record<string, unknown>[] })
    .map((row) => [row.key, row]),
);

function responseText(ref: string): string {
  const [kind, index] = ref.split(':');
  return kind === 'bank' ? BANK[Number(index)] : SAMPLES[Number(index)].response;
}

interface Verdict {
  key: string;
  response: string;
  strict?: boolean[];
  loose?: boolean[];
  /** The Python exception the scorer raised (the sample errors upstream). */
  error?: string;
}

interface NlpCase {
  response: string;
  first_tag: string | null;
  syllables: number[];
}

describe('IFBench checkers against openbench’s verdicts', () => {
  const verdicts = readVectors<Verdict>('ifbench-verdicts.jsonl');
  const scorer = createIfbenchScorer();

  it('reproduces every strict and loose verdict and every raised error', async () => {
    const mismatches: string[] = [];
    for (const verdict of verdicts) {
      const row = ROWS.get(verdict.key)!;
      const run = scorer.score({
        sample: { id: verdict.key, input: '', target: '', metadata: { instruction_id_list: row.instruction_id_list, kwargs: row.kwargs } },
        completion: responseText(verdict.response),
        messages: [],
      });
      const label = `key ${verdict.key} × ${verdict.response} (${row.instruction_id_list.join(', ')})`;
      if (verdict.error) {
        await run.then(
          () => mismatches.push(`${label}: scored, want ${verdict.error}`),
          () => undefined,
        );
        continue;
      }
      const score = await run.catch((error: Error) => ({ value: -1, metadata: { error: error.message } as Record<string, unknown> }));
      const got = { strict: score.metadata?.strict_follow_instruction_list, loose: score.metadata?.loose_follow_instruction_list };
      const want = { strict: verdict.strict, loose: verdict.loose };
      if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${label}: got ${JSON.stringify(got)} ${String(score.metadata?.error ?? '')}, want ${JSON.stringify(want)}`);
      else expect(score.value).toBe(verdict.strict!.every(Boolean) ? 1.0 : 0.0);
    }
    expect(mismatches).toEqual([]);
    expect(verdicts).toHaveLength(5194);
  });

  it('has cases for all 58 instruction ids, each both followed and not followed', () => {
    const seen = new Map<string, Set<boolean>>();
    for (const verdict of verdicts.filter((v) => v.strict)) {
      ROWS.get(verdict.key)!.instruction_id_list.forEach((id, i) => {
        const outcomes = seen.get(id) ?? new Set<boolean>();
        outcomes.add(verdict.strict![i]);
        seen.set(id, outcomes);
      });
    }
    expect(IFBENCH_INSTRUCTION_IDS).toHaveLength(58);
    expect([...seen.keys()].sort()).toEqual([...IFBENCH_INSTRUCTION_IDS].sort());
    expect(IFBENCH_INSTRUCTION_IDS.filter((id) => seen.get(id)!.size < 2)).toEqual([]);
  });
});

describe('NLTK tagger and syllapy ports against Python on every response', () => {
  const cases = readVectors<NlpCase>('ifbench-nlp.jsonl');

  it.each(cases.map((c) => [c.response, c] as const))('%s: first token tag and syllable counts', (ref, expected) => {
    const text = responseText(ref);
    const tokens = wordTokenize(text);
    expect(tokens.length > 0 ? firstTokenTag(tokens) : null).toBe(expected.first_tag);
    expect(pySplitWhitespace(pyLower(removePunctuation(text))).map(countSyllables)).toEqual(expected.syllables);
  });
});
