/**
 * The formula evaluations of openbench's `scorers/ocrbenchv2.py` (`math_expression_evaluation`,
 * `cn_math_expression_evaluation`): substring matching, then again after its LaTeX normalisation, then with all
 * whitespace removed. The regular expressions are upstream's; none differs between Python's `re` and JavaScript here.
 */
import { pySplitWhitespace, pyStrip } from './python-text.util';

/** `" ".join(s.split())`. */
const squeezeSpaces = (text: string) => pySplitWhitespace(text).join(' ');

/** `normalize_latex`: positioning commands keep their content, other commands go, then braces, `^`, `_` and `\`. */
function normalizeLatex(text: string): string {
  let s = squeezeSpaces(text);
  s = s.replace(/\\overset\{([^}]*)\}\{([^}]*)\}/g, '$1$2');
  s = s.replace(/\\underset\{([^}]*)\}\{([^}]*)\}/g, '$1$2');
  s = s.replace(/\^\{([^}]*)\}/g, '$1');
  s = s.replace(/_\{([^}]*)\}/g, '$1');
  s = s.replace(/\\[a-zA-Z]+\[[^\]]*\]\{[^}]*\}/g, '');
  s = s.replace(/\\[a-zA-Z]+\{[^}]*\}/g, '');
  s = s.replace(/\\[a-zA-Z]+/g, '');
  for (const spacing of ['\\!', '\\,', '\\:', '\\;', '{ }', '{}', '{', '}', '^', '_', '\\']) s = s.replaceAll(spacing, '');
  return s;
}

const eitherContains = (a: string, b: string) => a.includes(b) || b.includes(a);

export function mathExpressionEvaluation(predict: string, answers: readonly string[]): number {
  const prediction = pyStrip(pyStrip(predict.replaceAll('\n', ' ')).replaceAll('```latex', '').replaceAll('```', ''));
  for (const raw of answers) {
    const answer = pyStrip(raw.replaceAll('\n', ' '));
    if (eitherContains(prediction, answer)) return 1;
    const predictNorm = normalizeLatex(prediction);
    const answerNorm = normalizeLatex(answer);
    if (eitherContains(predictNorm, answerNorm)) return 1;
    if (eitherContains(pySplitWhitespace(predictNorm).join(''), pySplitWhitespace(answerNorm).join(''))) return 1;
  }
  return 0;
}

const TEXT_COMMAND = /\\text\{([^}]*)\}/g;

/** `cn_math_expression_evaluation`: `\text{…}` replaced by its content on both sides first. */
export function cnMathExpressionEvaluation(predict: string, answers: readonly string[]): number {
  return mathExpressionEvaluation(
    predict.replace(TEXT_COMMAND, '$1'),
    answers.map((answer) => answer.replace(TEXT_COMMAND, '$1')),
  );
}
