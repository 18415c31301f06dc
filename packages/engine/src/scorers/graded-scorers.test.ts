import { contentText, type ChatMessage, type GenerateConfig, type GenerateResult } from '@studio/providers';
import type { Generator, ScoreContext } from '../types';
import { createMathScorer, extractMathAnswer, MATH_EQUALITY_TEMPLATE } from './math.scorer';
import { createSimpleqaScorer, SIMPLEQA_GRADER_TEMPLATE } from './simpleqa.scorer';

/** In-process stand-in for the grader's provider: records each call and replies with scripted text. */
class ScriptedGrader implements Generator {
  readonly model = 'fake/grader';
  readonly calls: Array<{ messages: ChatMessage[]; config: GenerateConfig }> = [];

  constructor(private readonly reply: string) {}

  async generate(messages: ChatMessage[], config: GenerateConfig): Promise<GenerateResult> {
    this.calls.push({ messages, config });
    return {
      completion: this.reply,
      stop_reason: 'stop',
      usage: { input_tokens: 10, output_tokens: 1, total_tokens: 11 },
      model: this.model,
      time_ms: 1,
      retries: 0,
    };
  }
}

function context(completion: string, target: string, grader?: Generator, input: ScoreContext['sample']['input'] = 'Who wrote Hamlet?'): ScoreContext {
  return { sample: { id: 7, input, target }, completion, messages: [], grader };
}

describe('simpleqa_scorer', () => {
  const scorer = createSimpleqaScorer();

  test('sends one user message with the filled GRADER_TEMPLATE and an empty generate config', async () => {
    const grader = new ScriptedGrader('A');
    await scorer.score(context('William Shakespeare', 'Shakespeare', grader));
    expect(grader.calls).toHaveLength(1);
    expect(grader.calls[0].config).toEqual({});
    const [message] = grader.calls[0].messages;
    expect(message.role).toBe('user');
    const text = contentText(message.content);
    expect(text.startsWith('Your job is to look at a question, a gold target, and a predicted answer')).toBe(true);
    expect(text).toContain('```\nQuestion: Who wrote Hamlet?\nGold target: Shakespeare\nPredicted answer: William Shakespeare\n```');
    expect(text.endsWith('Just return the letters "A", "B", or "C", with no text around it.')).toBe(true);
    expect(SIMPLEQA_GRADER_TEMPLATE).toContain('with gold target "120k". \n');
  });

  test.each([
    ['A', 1, 'correct', 'A'],
    ['B', 0, 'incorrect', 'B'],
    ['C', 0, 'not_attempted', 'C'],
    // The first A, B or C anywhere wins, even inside a word.
    ['Grade: B', 0, 'incorrect', 'B'],
    ['The answer is CORRECT', 0, 'not_attempted', 'C'],
    ['no letter here', 0, 'not_attempted', 'C'],
  ])('grader reply %j -> value %p, grade %s', async (reply, value, grade, letter) => {
    const score = await scorer.score(context('Shakespeare', 'Shakespeare', new ScriptedGrader(reply)));
    expect(score).toEqual({
      value,
      answer: 'Shakespeare',
      metadata: { grade, grade_letter: letter, grading_response: reply },
    });
  });

  test('a chat input is graded on its last user message', async () => {
    const grader = new ScriptedGrader('A');
    const input: ChatMessage[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Capital of France?' },
    ];
    await scorer.score(context('Paris', 'Paris', grader, input));
    expect(grader.calls[0].messages[0].content).toContain('Question: Capital of France?\n');
  });

  test('braces and dollar signs in the fields are inserted literally', async () => {
    const grader = new ScriptedGrader('A');
    await scorer.score(context("$& {target} $'", 'x', grader));
    expect(grader.calls[0].messages[0].content).toContain("Predicted answer: $& {target} $'\n");
  });

  test('fails clearly without a grader', async () => {
    await expect(scorer.score(context('Paris', 'Paris'))).rejects.toThrow(/simpleqa_scorer .* needs a grader model/);
  });
});

describe('math_scorer', () => {
  const scorer = createMathScorer();

  test('extracts the first Answer: line without stripping it', () => {
    expect(extractMathAnswer('Work...\nanswer:  \\frac{1}{2} \nAnswer: 3')).toBe('\\frac{1}{2} ');
    expect(extractMathAnswer('no final line')).toBeNull();
  });

  test('asks the grader with EQUALITY_TEMPLATE (target first) and an empty config', async () => {
    const grader = new ScriptedGrader('Yes');
    await scorer.score(context('So x = 1.5\nAnswer: 3/2', '1.5', grader));
    expect(grader.calls).toHaveLength(1);
    expect(grader.calls[0].config).toEqual({});
    expect(grader.calls[0].messages).toEqual([
      { role: 'user', content: MATH_EQUALITY_TEMPLATE.replace('{expr1}', '1.5').replace('{expr2}', '3/2') },
    ]);
    expect(MATH_EQUALITY_TEMPLATE.startsWith('Look at the following two expressions')).toBe(true);
    expect(MATH_EQUALITY_TEMPLATE.endsWith('    Expression 1: {expr1}\n    Expression 2: {expr2}')).toBe(true);
  });

  test.each([
    ['Yes', 1],
    ['  YES \n', 1],
    ['Yes.', 0],
    ['No', 0],
  ])('grader reply %j -> %p', async (reply, value) => {
    const score = await scorer.score(context('Answer: 3/2', '1.5', new ScriptedGrader(reply)));
    expect(score).toEqual({
      value,
      answer: '3/2',
      metadata: { extracted_answer: '3/2', target_answer: '1.5', model_output: 'Answer: 3/2' },
    });
  });

  test('without an Answer: line the grader is not called and the score is 0', async () => {
    const grader = new ScriptedGrader('Yes');
    const score = await scorer.score(context('I think it is 1.5', '1.5', grader));
    expect(grader.calls).toHaveLength(0);
    expect(score).toEqual({
      value: 0,
      answer: null,
      metadata: { extracted_answer: null, target_answer: '1.5', model_output: 'I think it is 1.5' },
    });
  });

  test('fails clearly without a grader when there is an answer to judge', async () => {
    await expect(scorer.score(context('Answer: 2', '2'))).rejects.toThrow(/math_scorer .* needs a grader model/);
  });
});
