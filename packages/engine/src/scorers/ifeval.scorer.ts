/**
 * openbench `ifeval_combined_scorer` (`scorers/ifeval.py`): every instruction of the sample checked strictly (on the
 * response as it is) and loosely (on any of eight variants: asterisks removed, first and/or last line dropped). The
 * value is 1.0 when every strict check passes; the per-instruction verdicts go into the metadata `ifeval_metrics`
 * aggregates.
 */
import type { Score, Scorer } from '../types';
import { ifevalChecker, type InstructionChecker, type InstructionKwargs } from './ifeval.checkers';
import { pyStrip } from './python-text.util';

/** Builds an instruction's checker; IFBench passes its own registry. */
export type CheckerFor = (instructionId: string, kwargs: InstructionKwargs, prompt: string) => InstructionChecker | null;

/** The eight loose variants, in upstream's order. */
export function looseResponses(response: string): string[] {
  const lines = response.split('\n');
  const removeFirst = pyStrip(lines.slice(1).join('\n'));
  const removeLast = pyStrip(lines.slice(0, -1).join('\n'));
  const removeBoth = pyStrip(lines.slice(1, -1).join('\n'));
  const noStars = (text: string) => text.replaceAll('*', '');
  return [response, noStars(response), removeFirst, removeLast, removeBoth, noStars(removeFirst), noStars(removeLast), noStars(removeBoth)];
}

function stringList(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw new Error(`sample metadata ${what} is not a list of strings`);
  return value as string[];
}

/** Scores one response against its instructions; `unknown` handles an id the registry lacks (IFBench scores 0). */
export function scoreInstructions(
  response: string,
  metadata: Record<string, unknown> | undefined,
  prompt: string,
  checkerFor: CheckerFor,
  onUnknown: (instructionId: string) => Score,
): Score {
  const instructions = stringList(metadata?.instruction_id_list ?? [], 'instruction_id_list');
  const kwargsList = (metadata?.kwargs ?? []) as InstructionKwargs[];
  if (instructions.length === 0) return { value: 0.0, explanation: 'No instructions found' };
  const strict: boolean[] = [];
  const loose: boolean[] = [];
  const variants = looseResponses(response);
  for (const [index, instructionId] of instructions.entries()) {
    const checker = checkerFor(instructionId, kwargsList[index] ?? {}, prompt);
    if (!checker) return onUnknown(instructionId);
    strict.push(pyStrip(response) !== '' && checker.check(response));
    loose.push(variants.some((candidate) => pyStrip(candidate) !== '' && checker.check(candidate)));
  }
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  return {
    value: strict.every(Boolean) ? 1.0 : 0.0,
    answer: response,
    explanation: instructions.map((id, i) => `[S:${mark(strict[i])} L:${mark(loose[i])}] ${id}`).join('\n'),
    metadata: { strict_follow_instruction_list: strict, loose_follow_instruction_list: loose, instruction_id_list: instructions },
  };
}

export function createIfevalScorer(): Scorer {
  return {
    name: 'ifeval_combined_scorer',
    async score({ sample, completion }) {
      // An unknown instruction id is a KeyError upstream: the sample errors.
      return scoreInstructions(completion, sample.metadata, '', (id, kwargs) => ifevalChecker(id, kwargs), (id) => {
        throw new Error(`unknown IFEval instruction id '${id}'`);
      });
    },
  };
}
