import { hfFileUrl } from '@studio/datasets';
import type { ChatRequestBody } from '../../../test/fake-chat-model.server';
import { VISION_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { isSyntheticPng } from '../../../test/synthetic-png.helper';
import { hfParquetListingUrl } from '../shared/hf-parquet.source';
import { getTask } from '../registry';
import { CHARTQAPRO_PROMPTS } from './chartqapro.prompts';
import { CHARTQAPRO_REPO } from './chartqapro.task';

/** Constructed rows in ChartQAPro's columns with synthetic chart images (fixtures/tasks/vision/SOURCE.md). */
const FILES = {
  [hfParquetListingUrl(CHARTQAPRO_REPO, 'default', 'test')]: 'chartqapro-test.tree.json',
  [hfFileUrl(CHARTQAPRO_REPO, 'default/test/0000.parquet', 'refs/convert/parquet')]: 'chartqapro-test.parquet',
};

type Part = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };
type Message = { role: string; content: string | Part[] };
const messagesOf = (body: ChatRequestBody) => body.messages as unknown as Message[];
const chartOf = (body: ChatRequestBody): number => {
  const text = ((messagesOf(body)[1].content as Part[])[1] as Extract<Part, { type: 'text' }>).text;
  return Number(/Chart (\d+):/.exec(text)![1]);
};
const turnOf = (body: ChatRequestBody): number => messagesOf(body).filter((m) => m.role === 'user').length - 1;
const system = (body: ChatRequestBody) => messagesOf(body)[0].content as string;

// Per chart, the replies to its questions in turn, for each prompting strategy. The CoT and PoT extractions below
// are what openbench's extract_final_answer returns for these replies on CPython 3.11 (checked when written).
const DIRECT: Record<number, string[]> = {
  1: ['12.4'], // numeric, within 5% of 12
  2: ['Canda'], // ANLS 1 - 1/6 against "Canada"
  3: ['b) Germany'], // the option letter is extracted
  4: ['False'], // Fact Checking, exact: wrong
  5: ['2031'], // year-flagged: exact, so wrong although within 5%
  6: ['Blue', '45', '2019.'], // Conversational: only the last reply counts, its year flag applies
  7: ["['Canada', 'Mexico']"], // list answer: one of two elements right
  8: ['I cannot determine this from the chart'], // unparseable: ANLS 0 against "45"
  9: ['120'], // numeric, 20% off
  10: ['Unanswerable'], // Multi Choice exact, case-insensitive
};
const COT: Record<number, string[]> = {
  1: ['Reading the bars step by step.\nThe answer is 12.4'], // the pattern stops at the first "." → "12"
  2: ['The largest slice is labelled.\nThe answer is "Canada".'],
  3: ['Germany grew 9%.\nThe answer is b) Germany.'],
  4: ['Every year is higher.\nThe answer is true'],
  5: ['Extrapolating.\nThe answer is 2030'],
  6: ['The answer is Blue', 'The answer is 45', 'It was recorded then.\nThe answer is 2019.'],
  7: ["Two bars pass 40%.\nThe answer is ['Canada', 'USA']"], // a list answer survives (no '.' to stop at)
  8: ['Thinking.\nThe median is around 44'], // no "answer" phrase: the last line after " is ", "around" dropped
  9: ['Doubling each value.\nAnswer: 200'],
  10: ['No 2040 data.\nThe answer is unanswerable.'],
};
const POT: Record<number, string[]> = {
  1: ['```python\nimport statistics\nvalues = [10, 12, 14]\nprint(statistics.median(values))\n```'], // prints 12
  2: ["```python\nanswer = 'Canada'\nanswer\n```"], // nothing printed: the last line's variable
  3: ['x = 1 / 0\nprint(x)'], // raises: ""
  4: ['```python\nprint(sum([3, 4]) > 5)\n```'], // True
  5: ['```python\nwhile True:\n    pass\n```'], // runs past the sandbox deadline: ""
  6: ["```python\nprint('Blue')\n```", '```python\nprint(45)\n```', '```python\nyear = 2019\nyear\n```'],
  7: ["Here:\n```python\nprint(['Canada', 'USA'])\n```"],
  8: ['The median is unanswerable from this chart.'], // no code, says unanswerable
  9: ['```python\nimport os\nprint(os.getcwd())\n```'], // import lines are dropped, `os` is undefined: ""
  10: ["```python\nprint('unanswerable')\n```"],
};

function respond(body: ChatRequestBody): string {
  const prompts = system(body).includes('think step-by-step') ? COT : system(body).includes('python code') ? POT : DIRECT;
  return prompts[chartOf(body)][turnOf(body)];
}

/** Sample records in dataset order (they arrive as samples finish). */
const inOrder = <T extends { sample_id: string | number }>(records: T[]) => [...records].sort((a, b) => Number(a.sample_id) - Number(b.sample_id));

const metricsOf = (result: { results: { metrics: Record<string, { value: number }> }[] }) =>
  Object.fromEntries(Object.entries(result.results[0].metrics).map(([k, v]) => [k, v.value]));

describe('chartqapro (ahmed-masry/ChartQAPro test, 10 constructed rows)', () => {
  const offline = offlineTaskRun(VISION_FIXTURES, FILES, respond);

  it('direct: one conversation per chart, each question type scored its way, metrics per type', async () => {
    const { result, records: unordered } = await offline.run(getTask('chartqapro'));
    expect(result.status).toBe('success');
    const records = inOrder(unordered);
    const bodies = offline.server.bodies();
    expect(bodies).toHaveLength(12);

    // Chart 2: the type's system prompt, the image then the stripped context paragraph and the question.
    const chart2 = bodies.find((b) => chartOf(b) === 2)!;
    const [sys2, user2] = messagesOf(chart2);
    expect(messagesOf(chart2)).toHaveLength(2);
    expect(sys2).toEqual({ role: 'system', content: CHARTQAPRO_PROMPTS.direct.Factoid });
    const parts = user2.content as Part[];
    expect(parts.map((p) => p.type)).toEqual(['image_url', 'text']);
    expect(isSyntheticPng((parts[0] as Extract<Part, { type: 'image_url' }>).image_url.url.replace(/^data:image\/png;base64,/, ''), [4, 5, 42])).toBe(true);
    expect(parts[1]).toEqual({
      type: 'text',
      text: 'Context: The survey ran in 2021 across North America.\n\nQuestion: Chart 2: Which country has the largest share?',
    });
    // Chart 4's blank paragraph adds no context.
    expect((messagesOf(bodies.find((b) => chartOf(b) === 4)!)[1].content as Part[])[1]).toEqual({
      type: 'text',
      text: 'Question: Chart 4: Sales rose every year from 2015 to 2020.',
    });

    // Chart 6 (Conversational), last question: the whole conversation, later questions as text only.
    const chart6 = bodies.find((b) => chartOf(b) === 6 && turnOf(b) === 2)!;
    const [sys6, first6, ...rest6] = messagesOf(chart6);
    expect(sys6).toEqual({ role: 'system', content: CHARTQAPRO_PROMPTS.direct.Conversational });
    expect((first6.content as Part[])[1]).toEqual({ type: 'text', text: 'Context: Figures in millions.\n\nQuestion: Chart 6: What colour is the tallest bar?' });
    expect(isSyntheticPng(((first6.content as Part[])[0] as Extract<Part, { type: 'image_url' }>).image_url.url.replace(/^data:image\/png;base64,/, ''), [4, 4, 46])).toBe(true);
    expect(rest6).toEqual([
      { role: 'assistant', content: 'Blue' },
      { role: 'user', content: 'Question: What is its value?' },
      { role: 'assistant', content: '45' },
      { role: 'user', content: 'Question: In which year was it recorded?' },
    ]);
    expect(system(bodies.find((b) => chartOf(b) === 3)!)).toBe(CHARTQAPRO_PROMPTS.direct['Multi Choice']);
    expect(system(bodies.find((b) => chartOf(b) === 4)!)).toBe(CHARTQAPRO_PROMPTS.direct['Fact Checking']);
    expect(system(bodies.find((b) => chartOf(b) === 5)!)).toBe(CHARTQAPRO_PROMPTS.direct.Hypothetical);

    const scored = records.map((r) => [r.sample_id, r.output!.completion, r.scores.chartqapro_scorer.value, r.scores.chartqapro_scorer.explanation]);
    expect(scored).toEqual([
      ['1', '12.4', 1, 'Numeric (5% tolerance)'],
      ['2', 'Canda', 0.8333333333333334, 'ANLS (Levenshtein similarity)'],
      ['3', 'b', 1, 'Exact match'],
      ['4', 'False', 0, 'Exact match'],
      ['5', '2031', 0, 'Exact match (year)'],
      ['6', '2019.', 1, 'Exact match (year)'],
      ['7', "['Canada', 'Mexico']", 0.5, 'ANLS (Levenshtein similarity)'],
      ['8', 'I cannot determine this from the chart', 0, 'ANLS (Levenshtein similarity)'],
      ['9', '120', 0, 'Numeric (5% tolerance)'],
      ['10', 'Unanswerable', 1, 'Exact match'],
    ]);
    expect(records[5].scores.chartqapro_scorer.metadata).toEqual({
      sample_id: '6',
      question_type: 'Conversational',
      num_questions: 3,
      prediction: '2019',
      target: '2019',
      year_flags: ['YES'],
      exact_match: false,
    });
    expect(records[5].messages).toHaveLength(7);

    expect(metricsOf(result)).toEqual({
      // Inspect's accuracy sums left to right; chartqapro_metrics uses Python's sum() (compensated): one ulp apart.
      accuracy: 0.5333333333333334,
      stderr: 0.15275252316519466,
      overall: 0.5333333333333333,
      Conversational: 1,
      'Fact Checking': 0,
      Factoid: 0.5833333333333334,
      Hypothetical: 0,
      'Multi Choice': 1,
    });
  });

  it('cot: the CoT prompts, the answer taken from "The answer is X" or the last line', async () => {
    const { result, records: unordered } = await offline.run(getTask('chartqapro', { args: { prompt_strategy: 'cot' } }));
    expect(result.status).toBe('success');
    const records = inOrder(unordered);
    const last = offline.server.bodies().slice(-12);
    expect(system(last.find((b) => chartOf(b) === 7)!)).toBe(CHARTQAPRO_PROMPTS.cot.Factoid);
    expect(records.map((r) => [r.output!.completion, r.scores.chartqapro_scorer.value])).toEqual([
      ['12', 1],
      ['Canada', 1],
      ['b', 1],
      ['true', 1],
      ['2030', 1],
      ['2019', 1],
      ["['Canada', 'USA']", 1],
      ['44', 1],
      ['200', 0],
      ['unanswerable', 1],
    ]);
    expect(metricsOf(result).accuracy).toBe(0.9);
  });

  it('pot: the PoT prompts, the reply\'s Python run in the sandbox with upstream\'s restricted builtins', async () => {
    const { result, records: unordered } = await offline.run(getTask('chartqapro', { args: { prompt_strategy: 'pot' } }));
    expect(result.status).toBe('success');
    const records = inOrder(unordered);
    const last = offline.server.bodies().slice(-12);
    expect(system(last.find((b) => chartOf(b) === 1)!)).toBe(CHARTQAPRO_PROMPTS.pot.Factoid);
    expect(records.map((r) => [r.output!.completion, r.scores.chartqapro_scorer.value])).toEqual([
      ['12', 1],
      ['Canada', 1],
      ['', 0],
      ['True', 1],
      ['', 0],
      ['2019', 1],
      ["['Canada', 'USA']", 1],
      ['unanswerable', 0],
      ['', 0],
      ['unanswerable', 1],
    ]);
    expect(metricsOf(result).accuracy).toBe(0.6);
  });

  it('rejects a prompting strategy upstream does not have', () => {
    // A TaskArgumentError, so that the API names `task_args.prompt_strategy` rather than `task_args`.
    expect(() => getTask('chartqapro', { args: { prompt_strategy: 'fewshot' } })).toThrow(
      expect.objectContaining({ argument: 'prompt_strategy', message: 'chartqapro: prompt_strategy must be one of direct, cot, pot, got "fewshot"' }),
    );
  });
});

describe('chartqapro over a split of two shards', () => {
  const offline = offlineTaskRun(
    VISION_FIXTURES,
    {
      [hfParquetListingUrl(CHARTQAPRO_REPO, 'default', 'test')]: 'chartqapro-test-two-shards.tree.json',
      [hfFileUrl(CHARTQAPRO_REPO, 'default/test/0000.parquet', 'refs/convert/parquet')]: 'chartqapro-test.parquet',
      [hfFileUrl(CHARTQAPRO_REPO, 'default/test/0001.parquet', 'refs/convert/parquet')]: 'chartqapro-test.parquet',
    },
    respond,
  );

  it('numbers the rows across shards, in shard order', async () => {
    const samples = await getTask('chartqapro').dataset.load(offline.ctx);
    expect(samples.map((s) => s.id)).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
    expect(samples[10].metadata).toMatchObject({ question_type: 'Factoid', questions: ['Chart 1: How many units were sold in 2020?'] });
    expect(samples[15].target).toBe('2019');
  });
});
