/**
 * openbench `verify` for HumanEval (`scorers/humaneval.py`, adapted from inspect_evals): the completion's first
 * ```` ```python ```` block (else the whole completion) runs after the prompt, followed by the dataset's tests and
 * `check(entry_point)`, in the sandbox with a 3 s deadline. Exit status 0 is CORRECT.
 */
import type { Score, Scorer } from '../types';
import { execPython, ExecTimeoutError, sampleMetadataString } from './python-exec.util';

const PYTHON_BLOCK = /```python\n(.*?)```/s;

/** openbench `find_code`: the first ```` ```python ```` block's content, else the completion as it is. */
export function findCode(completion: string): string {
  const match = PYTHON_BLOCK.exec(completion);
  return match ? match[1] : completion;
}

export function createHumanevalScorer(): Scorer {
  return {
    name: 'verify',
    async score({ sample, completion, signal }): Promise<Score> {
      const answer = findCode(completion);
      const code = [
        sampleMetadataString(sample, 'prompt'),
        answer,
        '\n',
        sampleMetadataString(sample, 'test'),
        '\n',
        `check(${sampleMetadataString(sample, 'entry_point')})`,
      ].join('');
      let result: { success: boolean; stderr: string; level?: string };
      try {
        result = await execPython(code, signal);
      } catch (error) {
        // Only the timeout is caught upstream; any other failure (e.g. the output limit) errors the sample.
        if (!(error instanceof ExecTimeoutError)) throw error;
        result = { success: false, stderr: 'Verification timed out.' };
      }
      return {
        value: result.success ? 'C' : 'I',
        answer,
        explanation:
          'The following verification code was executed:\n\n```python\n\n' +
          code +
          '\n```' +
          (result.success ? '' : `\nThe submission was incorrect\n\n${result.stderr}`),
        ...(result.level ? { metadata: { sandbox: result.level } } : {}),
      };
    },
  };
}
