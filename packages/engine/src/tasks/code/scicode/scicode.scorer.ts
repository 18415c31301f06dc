/**
 * openbench's `scicode_scorer` (`ScicodeEvaluator.test_code`): each tested step's code, followed by SciCode's test
 * harness and the step's test cases against its targets in the test data file, is run with Python in the sandbox;
 * a step passes when the program exits with 0. A problem is correct when every one of its steps passed.
 */
import { sandbox } from '../../../sandbox';
import { pyRepr } from '../../../scorers/python-text.util';
import type { Metric, Score, Scorer } from '../../../types';
import { SCICODE_HARNESS } from './scicode-harness.data';
import { isSpecialStep, type ScicodeProblem, type ScicodeStep } from './scicode-prompt';
import { STEP_CODE_KEY } from './scicode.solver';

/** openbench's `subprocess.run(..., timeout=1800)` per step, seconds: the wall clock and the CPU limit. */
export const SCICODE_STEP_TIMEOUT_SECONDS = 1800;

/**
 * The file openbench writes for a step: its code, the import of `process_hdf5_to_tuple` (here preceded by the
 * harness that provides it), the step's targets from the data file, then each test case after its `target`.
 */
export function stepTestProgram(code: string, step: ScicodeStep, h5Path: string): string {
  let program = `${code}\n\n${SCICODE_HARNESS}\nfrom scicode.parse.parse import process_hdf5_to_tuple\n\n`;
  program += `targets = process_hdf5_to_tuple(${pyRepr(step.step_number)}, ${step.test_cases.length}, ${pyRepr(h5Path)})\n`;
  step.test_cases.forEach((test, i) => {
    program += `target = targets[${i}]\n\n`;
    for (const line of test.split('\n')) program += `${line}\n`;
  });
  return program;
}

type StepVerdict = 'pass' | 'fail' | 'time out';

export function createScicodeScorer(): Scorer {
  return {
    name: 'scicode_scorer',
    async score({ sample, services, signal }): Promise<Score> {
      const data = services?.scicode_test_data;
      if (!data) throw new Error('scicode needs SciCode\'s test data (SCICODE_H5_PATH)');
      const problem = sample.metadata as unknown as ScicodeProblem;
      const stepCode = (sample.metadata?.[STEP_CODE_KEY] ?? {}) as Record<string, string>;
      const verdicts: Record<string, StepVerdict> = {};
      let level: string | undefined;
      for (const [index, step] of problem.sub_steps.entries()) {
        if (isSpecialStep(problem.problem_id, index)) continue;
        const code = stepCode[step.step_number];
        if (code === undefined) throw new Error(`Code file ${step.step_number}.py not found.`);
        const result = await sandbox().exec({
          pythonArgs: ['-c', stepTestProgram(code, step, data.path)],
          wallMs: SCICODE_STEP_TIMEOUT_SECONDS * 1000,
          cpuSeconds: SCICODE_STEP_TIMEOUT_SECONDS,
          readOnlyPaths: [data.path],
          ...(signal ? { signal } : {}),
        });
        level = result.level;
        verdicts[step.step_number] = result.timedOut ? 'time out' : result.success ? 'pass' : 'fail';
      }
      const totalCorrect = Object.values(verdicts).filter((verdict) => verdict === 'pass').length;
      // openbench counts every step, the untested special ones too, so problems 13, 62 and 76 are never all correct.
      const totalSteps = problem.sub_steps.length;
      return {
        value: { 'Problem Correctness': totalCorrect === totalSteps ? 1 : 0, 'Total Correct': totalCorrect, 'Total Steps': totalSteps },
        metadata: { steps: verdicts, ...(level ? { sandbox: level } : {}) },
      };
    },
  };
}

function valueOf(score: Score, key: string): number {
  return Number((score.value as Record<string, number>)[key]);
}

/**
 * openbench's metrics: the mean of `Problem Correctness` (its `{"Problem Correctness": [mean()]}`) and
 * `sub_problem_correctness`, the steps passed over all steps of all problems.
 */
export function scicodeMetrics(): Metric {
  return {
    name: 'scicode_metrics',
    compute(scores) {
      const sum = (key: string) => scores.reduce((total, s) => total + valueOf(s.score, key), 0);
      return { 'Problem Correctness': sum('Problem Correctness') / scores.length, sub_problem_correctness: sum('Total Correct') / sum('Total Steps') };
    },
  };
}

