/**
 * openbench `verify` for MBPP (`scorers/mbpp.py`): the code between `[BEGIN]` and `[DONE]` runs after the sample's
 * setup code and before its asserts, in the sandbox with a 3 s deadline; 1.0 when it exits with status 0. Every
 * failure to run, the timeout included, scores 0 with `Verification error: …` as the output.
 */
import { SandboxUnavailableError } from '../sandbox';
import type { Score, Scorer } from '../types';
import { execPython, sampleMetadataString } from './python-exec.util';
import { pyStrip } from './python-text.util';

const BEGIN_DONE = /\[BEGIN\](.*?)\[DONE\]/s;

/** openbench `parse_mbpp_response`: the stripped text between the first `[BEGIN]` and the next `[DONE]`, else "". */
export function parseMbppResponse(response: string): string {
  if (!response) return '';
  const match = BEGIN_DONE.exec(response);
  return match ? pyStrip(match[1]) : '';
}

export function createMbppScorer(): Scorer {
  return {
    name: 'verify',
    async score({ sample, completion, signal }): Promise<Score> {
      const modelAnswer = parseMbppResponse(completion);
      const code = [sampleMetadataString(sample, 'test_setup_code'), '\n', modelAnswer, '\n', sampleMetadataString(sample, 'tests')].join('');
      let result: { success: boolean; stderr: string; level?: string };
      try {
        result = await execPython(code, signal);
      } catch (error) {
        // A host that cannot run code at all is not a wrong answer: the sample errors instead of scoring 0.
        if (signal?.aborted || error instanceof SandboxUnavailableError) throw error;
        result = { success: false, stderr: `Verification error: ${error instanceof Error ? error.message : String(error)}` };
      }
      return {
        value: result.success ? 1.0 : 0.0,
        answer: modelAnswer,
        explanation: `The following verification code was executed:\n\`\`\`python\n${code}\n\`\`\`\n\n${result.stderr}`,
        ...(result.level ? { metadata: { sandbox: result.level } } : {}),
      };
    },
  };
}
