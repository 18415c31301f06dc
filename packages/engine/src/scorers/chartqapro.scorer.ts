/**
 * openbench `chartqapro_scorer()` (`src/openbench/scorers/chartqapro.py`, itself a port of the official
 * `evaluate_predictions.py`): relaxed correctness — exact match for Multi Choice, Fact Checking and year-flagged
 * answers, 5% relative tolerance for numbers, ANLS (threshold 0.5) for text, list answers element by element — and
 * the solver's `extract_final_answer` for the direct and chain-of-thought strategies. Python's `str`, `re`, `float()`
 * and `ast.literal_eval` semantics come from the `python-*` utils.
 */
import { pyLiteralEval, pyLiteralStr, PyLiteralError, type PyLiteral } from '../tasks/shared/python-literal.util';
import { execPython, ExecTimeoutError } from './python-exec.util';
import { parsePythonFloat, pySum } from './python-float.util';
import { PY_SPACE, PY_WORD, pyRstrip, pyStrip, pyStripChars } from './python-text.util';
import { targetText } from './target.util';
import type { Score, Scorer } from '../types';

export const CHARTQAPRO_QUESTION_TYPES = ['Factoid', 'Multi Choice', 'Hypothetical', 'Fact Checking', 'Conversational'] as const;

const LIST_TEXT = /^\[([^\n]*)\]$/u;
const UNQUOTED_ITEM = new RegExp(`(?<!'|${PY_WORD})(${PY_WORD}[^,]*?)(?!'|${PY_WORD})`, 'gu');

/**
 * `fix_list_format`: a bracketed answer with its bare items quoted, evaluated as a list; the text itself where it
 * is not bracketed or `literal_eval` raises SyntaxError/ValueError (a TypeError propagates, as upstream).
 */
export function fixListFormat(item: string): string | PyLiteral {
  const match = LIST_TEXT.exec(pyStrip(item));
  if (!match) return item;
  const corrected = match[1].replace(UNQUOTED_ITEM, "'$1'");
  try {
    return pyLiteralEval(`[${corrected}]`);
  } catch (error) {
    if (error instanceof PyLiteralError && error.pyType !== 'TypeError') return item;
    throw error;
  }
}

/** `parse_to_list`: the items of a text that `literal_eval`s to a list, each `str(x).strip(" '")`; else null. */
export function parseToList(text: string): string[] | null {
  let parsed: PyLiteral;
  try {
    parsed = pyLiteralEval(text);
  } catch {
    return null;
  }
  if (parsed.kind !== 'list') return null;
  // Outside upstream's try: a str() that raises (an int past 4300 digits) propagates.
  return parsed.items.map((item) => pyStripChars(pyLiteralStr(item), " '"));
}

/** `to_float`: `float(text.strip().strip("%"))`, null on ValueError. */
export function toFloat(text: string): number | null {
  return parsePythonFloat(pyStripChars(pyStrip(text), '%'));
}

/** `levenshtein_distance` over code points, as Python indexes a str. */
export function levenshteinDistance(a: string, b: string): number {
  let s1 = [...a];
  let s2 = [...b];
  if (s1.length < s2.length) [s1, s2] = [s2, s1];
  if (s2.length === 0) return s1.length;
  let previous = Array.from({ length: s2.length + 1 }, (_, i) => i);
  s1.forEach((c1, i) => {
    const current = [i + 1];
    s2.forEach((c2, j) => {
      current.push(Math.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (c1 !== c2 ? 1 : 0)));
    });
    previous = current;
  });
  return previous[previous.length - 1];
}

/** `anls_score`: the best normalised Levenshtein similarity over the gold labels, 0 at or past the threshold. */
export function anlsScore(prediction: string, goldLabels: readonly string[], threshold = 0.5): number {
  const pred = pyStrip(prediction.toLowerCase());
  let best = 0;
  for (const label of goldLabels) {
    const gold = pyStrip(label.toLowerCase());
    if (pred === gold) return 1;
    const distance = levenshteinDistance(pred, gold);
    const maxLen = Math.max([...pred].length, [...gold].length);
    let score: number;
    if (maxLen === 0) score = 1;
    else {
      const normalized = distance / maxLen;
      score = normalized < threshold ? 1 - normalized : 0;
    }
    best = Math.max(best, score);
  }
  return best;
}

/** `evaluate_single_answer`: numbers within `maxRelativeChange` (exact at zero), else ANLS. */
export function evaluateSingleAnswer(target: string, prediction: string, maxRelativeChange = 0.05): number {
  const t = pyStrip(pyStripChars(pyStrip(target), '%'));
  const p = pyStrip(pyStripChars(pyStrip(prediction), '%'));
  const tF = toFloat(t);
  const pF = toFloat(p);
  if (tF !== null && pF !== null) {
    if (tF === 0) return pF === 0 ? 1 : 0;
    return Math.abs(pF - tF) / Math.abs(tF) <= maxRelativeChange ? 1 : 0;
  }
  return anlsScore(p.toLowerCase(), [t.toLowerCase()], 0.5);
}

/** `flag.upper()`: the dataset's flags are str; anything else raises AttributeError upstream. */
function upper(flag: unknown): string {
  if (typeof flag !== 'string') throw new Error(`'${flag === null ? 'NoneType' : typeof flag}' object has no attribute 'upper'`);
  return flag.toUpperCase();
}

/** `relaxed_correctness_chartqapro`: the mean of the element scores; a missing or extra element scores 0. */
export function relaxedCorrectness(
  target: string,
  prediction: string,
  options: { maxRelativeChange?: number; yearFlags?: readonly unknown[] | null; alwaysUseExactMatch?: boolean } = {},
): number {
  const fixed = fixListFormat(target);
  const tList = nonEmpty(parseToList(typeof fixed === 'string' ? fixed : pyLiteralStr(fixed))) ?? [target];
  const pList = nonEmpty(parseToList(prediction)) ?? [prediction];
  const n = tList.length;
  let yearFlags = options.yearFlags ?? null;
  // `year_flags * n`: the whole list repeated n times.
  if (yearFlags !== null && yearFlags.length < n) yearFlags = Array.from({ length: n }, () => yearFlags as readonly unknown[]).flat();
  if (yearFlags === null) yearFlags = Array.from({ length: Math.max(tList.length, pList.length) }, () => 'NO');
  const scores: number[] = [];
  for (let idx = 0; idx < Math.max(tList.length, pList.length); idx++) {
    if (idx >= tList.length || idx >= pList.length) {
      scores.push(0);
      continue;
    }
    const flag = idx < yearFlags.length ? yearFlags[idx] : 'NO';
    if (upper(flag) === 'YES' || options.alwaysUseExactMatch) {
      scores.push(pyStrip(tList[idx]).toLowerCase() === pyStrip(pList[idx]).toLowerCase() ? 1 : 0);
    } else scores.push(evaluateSingleAnswer(tList[idx], pList[idx], options.maxRelativeChange ?? 0.05));
  }
  return scores.length > 0 ? pySum(scores) / scores.length : 0;
}

/** `parse_to_list(x) or [x]`: an empty list is falsy. */
const nonEmpty = (list: string[] | null): string[] | null => (list !== null && list.length > 0 ? list : null);

// ---------------------------------------------------------------------------------------------------------------
// extract_final_answer

const MCQ_LETTER = new RegExp(`^([a-dA-D])${PY_SPACE}*[\\):]`, 'u');
// The solver's CoT patterns in order; the third ("last sentence") is listed upstream but never used.
const COT_PATTERNS = [new RegExp(`[Tt]he answer is[:${PY_SPACE.slice(1, -1)}]+([^\\n]+?)(?:\\.|$)`, 'u'), new RegExp(`[Aa]nswer(?:${PY_SPACE}+is)?[:${PY_SPACE.slice(1, -1)}]+([^\\n]+?)(?:\\.|$)`, 'u')];
const QUOTED = /"([^"]+)"/u;
const TRAILING_MODIFIERS = [
  new RegExp(`${PY_SPACE}+with${PY_SPACE}+\\p{Nd}+%?$`, 'u'),
  new RegExp(`^estimated to be${PY_SPACE}+around${PY_SPACE}+`, 'u'),
  new RegExp(`^around${PY_SPACE}+`, 'u'),
];

/**
 * `extract_final_answer` for `direct` (the option letter of an "a) …" reply, else the reply) and `cot` ("The answer
 * is X", "Answer: X", else the last line, cut after its last " is "/" are "). `pot` runs the reply's Python: see
 * `extractPotAnswer`.
 */
export function extractFinalAnswer(reply: string, strategy: 'direct' | 'cot'): string {
  const text = pyStrip(reply);
  if (strategy === 'cot') {
    for (const pattern of COT_PATTERNS) {
      const match = pattern.exec(text);
      if (!match) continue;
      const answer = pyStripChars(pyRstrip(pyStrip(match[1]), '.'), '"\'');
      const mcq = MCQ_LETTER.exec(answer);
      return mcq ? mcq[1].toLowerCase() : answer;
    }
    const lines = text.split('\n');
    const lastLine = pyRstrip(pyStrip(lines[lines.length - 1]), '.');
    for (const sep of [' is ', ' are ']) {
      const idx = lastLine.lastIndexOf(sep);
      if (idx === -1) continue;
      let answer = pyStrip(lastLine.slice(idx + sep.length));
      const quoted = QUOTED.exec(answer);
      if (quoted) return pyRstrip(pyStrip(quoted[1]), '.');
      for (const pattern of TRAILING_MODIFIERS) answer = pyStrip(answer.replace(pattern, ''));
      return pyRstrip(answer, '.');
    }
    return lastLine;
  }
  const mcq = MCQ_LETTER.exec(text);
  return mcq ? mcq[1].toLowerCase() : text;
}

const PYTHON_BLOCK = new RegExp(`\`\`\`python${PY_SPACE}*([\\s\\S]*?)${PY_SPACE}*\`\`\``, 'u');
const IDENTIFIER = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Runs the program in the sandbox as upstream's `exec(code, namespace, namespace)`: builtins restricted to the same
 * eighteen names, `statistics` provided, stdout captured. Prints, as JSON, what upstream returns: the stripped
 * output, else `str()` of the variable the last line names, else "" (also when the program raises an Exception).
 */
const POT_HARNESS = `import base64, io, json, statistics, sys
from contextlib import redirect_stdout
code = base64.b64decode(sys.argv[1]).decode("utf-8")
name = sys.argv[2]
names = "sum len min max abs round sorted print range enumerate list dict set tuple int float str bool".split()
builtins = __builtins__ if isinstance(__builtins__, dict) else vars(__builtins__)
namespace = {"__builtins__": {n: builtins[n] for n in names}, "statistics": statistics}
result = ""
try:
    captured = io.StringIO()
    with redirect_stdout(captured):
        exec(code, namespace, namespace)
    printed = captured.getvalue().strip()
    if printed:
        result = printed
    elif name and name in namespace:
        result = str(namespace[name])
except Exception:
    result = ""
sys.__stdout__.write(json.dumps(result))
`;

/**
 * `extract_final_answer(text, "pot")`: "unanswerable" for a reply that says so without code; otherwise the reply's
 * ```python block (or the whole reply) without its import lines, executed as upstream executes it. Upstream runs it
 * in its own process without a deadline; here it runs in the sandbox under the code scorers' 3 s deadline, and a
 * program that runs past it answers "" (README, deviations).
 */
export async function extractPotAnswer(reply: string, signal?: AbortSignal): Promise<string> {
  const text = pyStrip(reply);
  if (text.toLowerCase().includes('unanswerable') && !text.includes('```')) return 'unanswerable';
  const block = PYTHON_BLOCK.exec(text);
  const code = (block ? pyStrip(block[1]) : pyStrip(text))
    .split('\n')
    .filter((line) => !pyStrip(line).startsWith('import ') && !pyStrip(line).startsWith('from '))
    .join('\n');
  const lines = code
    .split('\n')
    .map(pyStrip)
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('import'));
  const lastName = lines.length > 0 && IDENTIFIER.test(lines[lines.length - 1]) ? lines[lines.length - 1] : '';
  let result;
  try {
    result = await execPython(POT_HARNESS, signal, [Buffer.from(code, 'utf8').toString('base64'), lastName]);
  } catch (error) {
    if (error instanceof ExecTimeoutError) return '';
    throw error;
  }
  if (result.returncode !== 0) throw new Error(`program for the PoT answer did not finish: ${result.stderr.trim().split('\n').pop() ?? ''}`);
  return JSON.parse(result.stdout) as string;
}

// ---------------------------------------------------------------------------------------------------------------
// Scorer

/** `str(x).strip(".").strip("\n").strip()`, how upstream normalises both the prediction and the target. */
const normalize = (text: string) => pyStrip(pyStripChars(pyStripChars(text, '.'), '\n'));

export function createChartqaproScorer(): Scorer {
  return {
    name: 'chartqapro_scorer',
    async score({ sample, completion }): Promise<Score> {
      const metadata = sample.metadata ?? {};
      try {
        const questionType = metadata.question_type ?? '';
        const yearFlags = (metadata.year_flags ?? []) as unknown[];
        const predText = normalize(completion);
        const targetTextValue = normalize(targetText(sample.target));
        // Conversational: only the last question's year flag (official eval line 79).
        const flagsToUse = questionType === 'Conversational' && yearFlags.length > 0 ? [yearFlags[yearFlags.length - 1]] : yearFlags;
        const exactMatch = questionType === 'Fact Checking' || questionType === 'Multi Choice';
        const value = relaxedCorrectness(targetTextValue, predText, { maxRelativeChange: 0.05, yearFlags: flagsToUse, alwaysUseExactMatch: exactMatch });
        let explanation: string;
        if (exactMatch) explanation = 'Exact match';
        else if (flagsToUse.length > 0 && flagsToUse.some((flag) => upper(flag) === 'YES')) explanation = 'Exact match (year)';
        else if (toFloat(predText) !== null && toFloat(targetTextValue) !== null) explanation = 'Numeric (5% tolerance)';
        else explanation = 'ANLS (Levenshtein similarity)';
        return {
          value,
          answer: predText,
          explanation,
          metadata: {
            sample_id: sample.id,
            question_type: questionType,
            num_questions: metadata.num_questions ?? 1,
            prediction: predText,
            target: targetTextValue,
            year_flags: flagsToUse,
            exact_match: exactMatch,
          },
        };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return {
          value: 0,
          answer: completion,
          explanation: `Error: ${message}`,
          metadata: { error: message, sample_id: sample.id, question_type: metadata.question_type ?? 'unknown' },
        };
      }
    },
  };
}
