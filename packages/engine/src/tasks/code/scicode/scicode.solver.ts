/**
 * openbench's `scicode_solver`: one model call per step, in order, each prompted with the code the model wrote for
 * the earlier steps; the code each step is tested with is kept in the sample's metadata for the scorer.
 */
import type { GenerateResult } from '@studio/providers';
import type { Solver } from '../../../types';
import { DUMMY_RESPONSE, extractPythonScript, goldResponse, isSpecialStep, referenceStepCode, stepPrompt, type ScicodeProblem } from './scicode-prompt';

/** `normal` asks the model; `gold` and `dummy` answer with the ground truth or a placeholder, as openbench's modes. */
export type ScicodeMode = 'normal' | 'gold' | 'dummy';

/** Metadata key of the tested code by step number (openbench writes it to `<output_dir>/…/<step>.py`). */
export const STEP_CODE_KEY = 'scicode_step_code';

export function scicodeSolver(withBackground: boolean, mode: ScicodeMode): Solver {
  return {
    name: 'scicode_solver',
    params: { with_background: withBackground, mode },
    async solve({ sample, generate }) {
      const problem = sample.metadata as unknown as ScicodeProblem;
      const previous: string[] = [];
      const stepCode: Record<string, string> = {};
      let last: GenerateResult | undefined;
      let lastPrompt = '';
      for (let index = 0; index < problem.sub_steps.length; index++) {
        const step = problem.sub_steps[index]!;
        if (isSpecialStep(problem.problem_id, index)) {
          previous[index] = referenceStepCode(problem, index);
          continue;
        }
        const { prompt, previousCode } = stepPrompt(problem, index, previous, withBackground);
        let response: string;
        if (mode === 'normal') {
          last = await generate([{ role: 'user', content: prompt }]);
          response = last.completion;
        } else {
          response = mode === 'gold' ? goldResponse(step) : DUMMY_RESPONSE;
        }
        lastPrompt = prompt;
        previous[index] = extractPythonScript(response);
        stepCode[step.step_number] = `${previousCode}\n${previous[index]}`;
      }
      // openbench generates on copies of the state: the sample keeps its last prompt as its message and no output.
      const output: GenerateResult = { completion: '', stop_reason: 'unknown', usage: last?.usage ?? { input_tokens: 0, output_tokens: 0, total_tokens: 0 }, model: last?.model ?? '', time_ms: last?.time_ms ?? 0, retries: last?.retries ?? 0 };
      return { output, messages: [{ role: 'user', content: lastPrompt }], metadata: { [STEP_CODE_KEY]: stepCode } };
    },
  };
}
