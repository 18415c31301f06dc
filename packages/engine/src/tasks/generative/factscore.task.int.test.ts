import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hfFileUrl } from '@studio/datasets';
import { lastUserText, type ChatRequestBody } from '../../../test/fake-chat-model.server';
import { joinParagraphs, writeFactscoreWiki } from '../../../test/factscore-wiki.helper';
import { GENERATIVE_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { readVectors } from '../../../test/vectors/read-vectors';
import { ATOMIC_FACTS_INSTRUCTIONS } from '../../scorers/factscore.scorer';
import { openWikipediaKnowledge, type WikipediaKnowledge } from '../../scoring-services';
import { getTask } from '../registry';
import { hfParquetListingUrl } from '../shared/hf-parquet.source';

const REPO = 'lvogel123/factscore';
const FILES = {
  [hfParquetListingUrl(REPO, 'default', 'train')]: 'lvogel123-factscore-default-train.tree.json',
  [hfFileUrl(REPO, 'default/train/0000.parquet', 'refs/convert/parquet')]: 'lvogel123-factscore-default-train-0000.parquet',
};

// Ada Lovelace's article is the first BM25 vector's paragraphs (rank-bm25 ranks them 3, 4, 0, … for her prompt).
const [ADA] = readVectors<{ passages: string[]; order: number[] }>('bm25/bm25-okapi.jsonl');
const TURING = ['Alan Mathison Turing was an English mathematician and computer scientist.', 'Turing was born in Maida Vale, London.'];

const ANSWERS: Record<string, string> = {
  'Question: Tell me a bio of Ada Lovelace.': 'Ada Lovelace was an English mathematician. She worked with Charles Babbage on the Analytical Engine.',
  // Punkt splits after "mathematician."; FactScoreLite folds the lowercase sentence back into the first.
  'Question: Tell me a bio of Alan Turing.': 'Alan Turing was a mathematician. he was born in London.',
  'Question: Tell me a bio of Grace Hopper.': '',
};
const FACTS: Record<string, string> = {
  'Ada Lovelace was an English mathematician.': '- Ada Lovelace was an English mathematician\n- She was English.\n',
  'She worked with Charles Babbage on the Analytical Engine.': '- She worked with Charles Babbage.\n- She worked on the Analytical Engine',
  'Alan Turing was a mathematician. he was born in London.': '- Alan Turing was a mathematician.\n- He was born in London.',
};
const VERDICTS: Record<string, string> = {
  'Ada Lovelace was an English mathematician.': 'True',
  'She was English.': 'True.',
  // Both words: the later one wins.
  'She worked with Charles Babbage.': 'This is true? No, false.',
  // Neither word, and none of the refusal keywords: supported.
  'She worked on the Analytical Engine.': 'Yes, supported.',
  'Alan Turing was a mathematician.': 'True',
  'He was born in London.': 'False',
};

function respond(body: ChatRequestBody): string {
  const text = lastUserText(body);
  if (body.model === 'fake') return ANSWERS[text];
  const sentence = /\nSentence:\n([^\n]*)\nIndependent Facts:$/.exec(text);
  if (sentence) return FACTS[sentence[1]];
  return VERDICTS[/\nStatement:\n([^\n]*) True or False\?\nOutput:\n$/.exec(text)![1]];
}

const VERIFY_HEAD =
  'Instruction:\nOnly consider the statement true if it can be directly verified by the information in the context. If the information in the statement cannot be found in the context or differs from it, label it as false.\n\n' +
  'Context:\nFor the optimal operation of your 2022 Honda Accord, the engine oil should be replaced with 0W-20 synthetic oil every 7,500 miles under normal driving conditions.\n' +
  'Statement:\nThe 2022 Honda Accord requires an oil change every 7,500 miles. True or False?\nOutput:\nTrue\n\n';

describe('factscore (synthetic rows and knowledge base), graded by a local model', () => {
  const offline = offlineTaskRun(GENERATIVE_FIXTURES, FILES, respond);
  let wiki: ReturnType<typeof writeFactscoreWiki>;
  let knowledge: WikipediaKnowledge;
  beforeAll(() => {
    wiki = writeFactscoreWiki({
      // Padded and blank paragraphs are stripped and dropped, as openbench's reader does.
      'Ada Lovelace': joinParagraphs([` ${ADA.passages[0]}\n`, ...ADA.passages.slice(1), '  ']),
      'Alan Turing': joinParagraphs(TURING),
    });
    knowledge = openWikipediaKnowledge(wiki.path);
  });
  afterAll(() => {
    knowledge.close();
    wiki.remove();
  });

  it('asks FactScoreLite’s prompts, checks each fact against the BM25-selected passages, and scores with the length penalty', async () => {
    const task = getTask('factscore', { args: { passages: '2' } });
    expect([task.config, task.graderModel, task.services]).toEqual([{ temperature: 0.2, max_tokens: 8192 }, 'openai/gpt-4o-mini', ['factscore_wikipedia']]);
    const { result, records } = await offline.run(task, { factscore_wikipedia: knowledge });
    expect(result.status).toBe('success');
    const graderBodies = offline.server.bodies().filter((b) => b.model === 'gpt-4o-mini');
    // 3 sentences (2 + 1) and 6 facts; Grace Hopper's empty answer asks nothing (her article is not even looked up).
    expect(graderBodies).toHaveLength(9);
    for (const body of graderBodies) {
      expect(body).toMatchObject({ max_tokens: 1024, temperature: 0.7 });
      expect(body.messages).toHaveLength(1);
    }
    const prompts = graderBodies.map(lastUserText);
    expect(prompts[0]).toBe(`${ATOMIC_FACTS_INSTRUCTIONS}Sentence:\nAda Lovelace was an English mathematician.\nIndependent Facts:`);
    expect(ATOMIC_FACTS_INSTRUCTIONS.startsWith(
      'Please breakdown the following sentence into independent facts:\n\nSentence:\nThe Turbo V6 engine boasts an impressive horsepower of 450 and a peak torque of 510 lb-ft, achieved between 2,500 and 5,500 rpm, equipped with a 10-speed automatic transmission and a dual-exhaust system, enhancing both performance and sound.\nIndependent Facts:\n- It has a Turbo V6 engine.\n- The horsepower is 450.\n',
    )).toBe(true);
    expect(ATOMIC_FACTS_INSTRUCTIONS.endsWith('\n\n\n')).toBe(true);
    expect(prompts).toContain(`${ATOMIC_FACTS_INSTRUCTIONS}Sentence:\nAlan Turing was a mathematician. he was born in London.\nIndependent Facts:`);
    // The two passages rank-bm25 scores highest for the prompt, best first; "She was English." meets the
    // "heated steering wheel" example (CPython's Random("She was English.").choice over the four false ones).
    const adaKnowledge = `${ADA.passages[ADA.order[0]]}\n\n${ADA.passages[ADA.order[1]]}`;
    expect(prompts).toContain(
      VERIFY_HEAD +
        "Context:\nYour vehicle's climate control system is designed to maintain the cabin temperature for comfort.\nStatement:\nThe vehicle includes a heated steering wheel. True or False?\nOutput:\nFalse\n\n" +
        `Context:\n${adaKnowledge}\nStatement:\nShe was English. True or False?\nOutput:\n`,
    );
    // Turing's two paragraphs are no more than asked for: both, in article order, found under "Alan Turing".
    expect(prompts.find((p) => p.includes('Statement:\nHe was born in London.'))).toContain(`Context:\n${TURING.join('\n\n')}\nStatement:`);

    const score = (id: number) => records.find((r) => r.sample_id === id)!.scores.factscore_scorer;
    expect(score(1).value).toBe(0.16734762011132237); // 0.75 × exp(1 − 10/4), from Python's math.exp
    expect(score(1).metadata).toMatchObject({
      topic: 'Ada Lovelace',
      factscore: 0.16734762011132237,
      init_score: 0.75,
      responded: true,
      facts_per_response: 4,
      respond_ratio_sample: 1,
      respond_ratio_batch: null,
      decisions: [
        { fact: 'Ada Lovelace was an English mathematician.', is_supported: true, output: 'True' },
        { fact: 'She was English.', is_supported: true, output: 'True.' },
        { fact: 'She worked with Charles Babbage.', is_supported: false, output: 'This is true? No, false.' },
        { fact: 'She worked on the Analytical Engine.', is_supported: true, output: 'Yes, supported.' },
      ],
    });
    expect(score(2)).toMatchObject({ value: 0.00915781944436709, metadata: { topic: 'Alan_Turing', init_score: 0.5, facts_per_response: 2 } });
    expect(score(3)).toEqual({
      value: 0,
      answer: '',
      metadata: {
        topic: 'Grace Hopper',
        factscore: 0,
        init_score: 0,
        responded: false,
        facts_per_response: 0,
        decisions: [],
        respond_ratio_sample: 0,
        respond_ratio_batch: null,
        raw_result: { facts: [], decisions: [], score: 0, init_score: 0, num_facts_per_response: 0 },
      },
    });
    const metrics = Object.fromEntries(Object.entries(result.results[0].metrics).map(([key, value]) => [key, value.value]));
    // np.mean and statistics.mean of the same three scores differ in the last bit (both from Python).
    expect(metrics).toEqual({
      mean: 0.05883514651856315,
      factscore: 0.058835146518563156,
      init_score: 0.4166666666666667,
      respond_ratio: 2 / 3,
      facts_per_response: 2,
    });
  });

  it('fails a sample whose entity has no article, and refuses host paths as task arguments', async () => {
    expect(() => knowledge.getKnowledge('Nobody Known', 'q', 8)).toThrow("No Wikipedia entry found for topic 'Nobody Known'.");
    expect(() => getTask('factscore', { args: { knowledge_source: '/tmp/x.db' } })).toThrow('not accepted as a task argument');
    expect(() => getTask('factscore', { args: { gamma: 'x' } })).toThrow('gamma must be a non-negative integer');
    await expect(offline.run(getTask('factscore'))).rejects.toThrow('factscore is scored by factscore_wikipedia');
    expect(() => openWikipediaKnowledge(`${wiki.path}.missing`)).toThrow(`could not be opened at ${wiki.path}.missing (FACTSCORE_DB_PATH)`);
    // A file that is not the dump fails when opened, not at the first sample.
    const notADump = join(dirname(wiki.path), 'notes.txt');
    writeFileSync(notADump, 'not a database, just some text that is long enough to fill a SQLite header and more '.repeat(2));
    expect(() => openWikipediaKnowledge(notADump)).toThrow(`could not be opened at ${notADump} (FACTSCORE_DB_PATH): file is not a database`);
  });
});
