import type { DatasetRow, DatasetKind } from '@studio/contracts';
import { lastUserText, type ChatRequestBody } from '../../../test/fake-chat-model.server';
import { GENERATIVE_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { customDatasetTask, type CustomDataset } from './custom-dataset.task';

function dataset(kind: DatasetKind, rows: DatasetRow[], extra: Partial<CustomDataset> = {}): CustomDataset {
  return { slug: `my-${kind}`, name: `My ${kind}`, kind, hasGroups: rows.every((r) => r.group !== undefined), loadRows: async () => rows, ...extra };
}

/** The model answers by the question; the grader passes only the submission "Paris, in France". */
function respond(body: ChatRequestBody): string {
  const prompt = lastUserText(body);
  if (prompt.includes('[Submission]:')) {
    if (prompt.includes('[Submission]: Paris, in France')) return 'The submission names Paris.\nGRADE: C';
    if (prompt.includes('[Submission]: Lyon')) return 'GRADE: I';
    return 'I cannot decide.';
  }
  const answers: Record<string, string> = {
    'Q-mc-1': 'Answer: B',
    'Q-mc-2': 'Answer: A',
    'Q-mc-3': 'Answer: A',
    'Q-mc-4': 'The answer is\nAnswer: D',
    'Q-em-1': 'Answer: paris.',
    'Q-em-2': 'Answer: President Washington',
    'Q-em-3': 'Answer: red',
    'Q-num-1': 'Working... Answer: 42',
    'Q-num-2': 'Answer: 1,000',
    'Q-num-3': 'Answer: 8',
    'Q-mg-1': 'Paris, in France',
    'Q-mg-2': 'Lyon',
    'Q-mg-3': 'Marseille',
  };
  const key = Object.keys(answers).find((q) => prompt.includes(q));
  return key ? answers[key] : 'no idea';
}

const metric = (name: string, value: number) => ({ name, value });

describe('private datasets (custom/<slug>) as tasks, each kind against a local model', () => {
  const offline = offlineTaskRun(GENERATIVE_FIXTURES, {}, respond);

  it('multiple_choice: openbench’s MCQ template (dynamic for other than 4 choices), letter scoring, per-group metrics', async () => {
    const rows: DatasetRow[] = [
      { question: 'Q-mc-1', choices: ['w', 'x', 'y', 'z'], answer: 'B', group: 'g1' },
      { question: 'Q-mc-2', choices: ['w', 'x', 'y', 'z'], answer: 'C', group: 'g1' },
      { question: 'Q-mc-3', choices: ['yes', 'no', 'maybe'], answer: 'A', group: 'g2' },
      { question: 'Q-mc-4', choices: ['w', 'x', 'y', 'z'], answer: 'D', group: 'g2' },
    ];
    const task = customDatasetTask(dataset('multiple_choice', rows));
    expect(task.name).toBe('custom/my-multiple_choice');
    const { result, records } = await offline.run(task);
    expect(result.status).toBe('success');
    const prompts = offline.server.bodies().map(lastUserText);
    expect(prompts).toContain(
      "Answer the following multiple choice question. The last line of your response should be of the following format: 'Answer: $LETTER' (without quotes) where LETTER is one of ABCD.\n\nQ-mc-1\n\nA) w\nB) x\nC) y\nD) z",
    );
    expect(prompts).toContain(
      "Answer the following multiple choice question. The last line of your response should be of the following format: 'Answer: $LETTER' (without quotes) where LETTER is one of A, B, C:\n\nQ-mc-3\n\nA) yes\nB) no\nC) maybe",
    );
    expect(records.map((r) => [r.sample_id, r.scores.mcq_scorer.value]).sort()).toEqual([[1, 'C'], [2, 'I'], [3, 'C'], [4, 'C']]);
    expect(result.results[0].metrics).toMatchObject({
      accuracy: metric('accuracy', 0.75),
      stderr: metric('stderr', 0.25),
      g1_accuracy: metric('g1_accuracy', 0.5),
      g2_accuracy: metric('g2_accuracy', 1),
    });
  });

  it('exact_match and f1: the NaturalQuestions template and qa_scorer’s comparison over every accepted answer', async () => {
    const rows: DatasetRow[] = [
      { question: 'Q-em-1', answer: ['Paris'] },
      { question: 'Q-em-2', answer: ['George Washington', 'Washington'] },
      { question: 'Q-em-3', answer: ['blue'] },
    ];
    const em = await offline.run(customDatasetTask(dataset('exact_match', rows)));
    expect(lastUserText(offline.server.bodies().find((b) => lastUserText(b).includes('Q-em-1'))!)).toBe(
      'Answer the following question. Give a short, factual answer on the last line in the format "Answer: <your answer>".\n\nQuestion: Q-em-1',
    );
    expect(em.result.results[0].scorer).toBe('exact_match_scorer');
    expect(em.result.results[0].metrics.accuracy).toEqual(metric('accuracy', 1 / 3));
    const f1 = await offline.run(customDatasetTask(dataset('f1', rows)));
    expect(f1.result.results[0].scorer).toBe('qa_scorer');
    // 1 (exact), F1 of "president washington" against "washington" = 2/3, 0.
    expect(f1.result.results[0].metrics.accuracy.value).toBeCloseTo((1 + 2 / 3 + 0) / 3, 12);
  });

  it('numeric: the GSM8K template and grade_school_math_scorer (commas dropped)', async () => {
    const rows: DatasetRow[] = [
      { question: 'Q-num-1', answer: '42' },
      { question: 'Q-num-2', answer: '1000' },
      { question: 'Q-num-3', answer: '7' },
    ];
    const { result, records } = await offline.run(customDatasetTask(dataset('numeric', rows)));
    expect(lastUserText(offline.server.bodies().find((b) => lastUserText(b).includes('Q-num-1'))!)).toMatch(/^Solve this math problem\. .*\n\nQ-num-1$/s);
    expect(records.find((r) => r.sample_id === 2)!.scores.grade_school_math_scorer).toMatchObject({ value: 1, answer: '1000' });
    expect(result.results[0].metrics).toEqual({ accuracy: metric('accuracy', 2 / 3), stderr: metric('stderr', 0.33333333333333337) });
  });

  it('model_graded: Inspect’s model_graded_fact prompt with the rubric, graded by the dataset’s grader unless the run names one', async () => {
    const rows: DatasetRow[] = [
      { question: 'Q-mg-1', answer: 'Paris' },
      { question: 'Q-mg-2', answer: 'Paris' },
      { question: 'Q-mg-3', answer: 'Paris' },
    ];
    const source = dataset('model_graded', rows, { graderModel: 'openai/grader-a', rubric: 'Only the city matters.' });
    expect(customDatasetTask(source, { graderModel: 'openai/grader-b' }).graderModel).toBe('openai/grader-b');
    const task = customDatasetTask(source);
    expect(task.graderModel).toBe('openai/grader-a');
    const { result, records } = await offline.run(task);
    const grading = offline.server.bodies().map(lastUserText).find((p) => p.includes('[Submission]: Paris, in France'))!;
    expect(grading).toBe(
      '\nYou are comparing a submitted answer to an expert answer on a given question. Here is the data:\n\n[BEGIN DATA]\n************\n[Question]: Q-mg-1\n************\n[Expert]: Paris\n************\n[Submission]: Paris, in France\n************\n[END DATA]\n\nCompare the factual content of the submitted answer with the expert answer. Ignore any differences in style, grammar, or punctuation.\n\nDoes the submission contain the content in the expert answer?\n\nOnly the city matters.\n\nAfter assessing the submitted answer, reply with \'GRADE: $LETTER\' (without quotes) where LETTER is one of CI.  Please choose ONE option for the grade: either "C" for correct answers, or "I" for incorrect answers.\n\nFor example, after reviewing a correct answer you might write \'GRADE: C\' or after reviewing an incorrect answer you might write \'GRADE: I\'.\n\nFirst, write out in a step by step manner your reasoning about the criterion to be sure that your conclusion is correct. Avoid simply stating the correct answers at the outset. Then, end with your answer formatted as \'GRADE: $LETTER\' (without quotes) where LETTER is one of CI.\n\n',
    );
    const byId = Object.fromEntries(records.map((r) => [r.sample_id, r.scores.model_graded_fact]));
    expect(byId[1].value).toBe('C');
    expect(byId[2].value).toBe('I');
    expect(byId[3]).toMatchObject({ value: 'I', explanation: 'Grade not found in model output: I cannot decide.' });
    expect(result.results[0].metrics.accuracy).toEqual(metric('accuracy', 1 / 3));
  });

  it('refuses task arguments, and a model-graded dataset without any grader', () => {
    expect(() => customDatasetTask(dataset('f1', []), { args: { split: 'x' } })).toThrow(/does not accept task argument/);
    expect(() => customDatasetTask(dataset('model_graded', []))).toThrow(/needs a grader model/);
  });
});
