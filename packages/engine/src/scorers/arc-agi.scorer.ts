/**
 * openbench `arc_agi_scorer` (`scorers/arc_agi.py`) and its parser (`utils/arc_parsing.py`): the predicted grid is the
 * JSON in the first `\boxed{…}`, else the last bracketed JSON of the response; it must equal the target grid exactly,
 * with Python's `==` (so `1.0` and `true` match `1`).
 */
import type { Score, Scorer } from '../types';
import { pyJsonEquals, pyJsonLoadsOrUndefined, pyJsonStr, type PyJson } from './python-json.util';
import { pyStrip } from './python-text.util';
import { targetText } from './target.util';

const isListOfLists = (value: PyJson | undefined): value is PyJson[][] => Array.isArray(value) && value.every(Array.isArray);

/**
 * `backscan_json_parser`: from the last `]` or `}` back to its matching opener (brackets counted, strings not
 * skipped), parsed as JSON; a non-empty list of lists, else null.
 */
export function backscanJsonParser(text: string): PyJson[][] | null {
  let last = -1;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === ']' || text[i] === '}') {
      last = i;
      break;
    }
  }
  if (last === -1) return null;
  const closing = text[last];
  const opening = closing === ']' ? '[' : '{';
  let depth = 1;
  let start = -1;
  for (let i = last - 1; i >= 0; i--) {
    if (text[i] === closing) depth++;
    else if (text[i] === opening && --depth === 0) {
      start = i;
      break;
    }
  }
  if (start === -1) return null;
  const parsed = pyJsonLoadsOrUndefined(text.slice(start, last + 1));
  return isListOfLists(parsed) && parsed.length > 0 ? parsed : null;
}

/** `re.search(r"\\boxed\{(.*?)\}", text, re.DOTALL)`: the first box only, up to its first `}`. */
const BOXED = /\\boxed\{([\s\S]*?)\}/;

/** `extract_from_boxed`: the first box's stripped content as JSON, if it is a list of lists (an empty list is one). */
export function extractFromBoxed(text: string): PyJson[][] | null {
  const match = BOXED.exec(text);
  if (match === null) return null;
  const parsed = pyJsonLoadsOrUndefined(pyStrip(match[1]));
  return isListOfLists(parsed) ? parsed : null;
}

/** `parse_arc_response`: the boxed grid, else the backscanned one, else null. */
export function parseArcResponse(response: string): PyJson[][] | null {
  return extractFromBoxed(response) ?? backscanJsonParser(response);
}

export function createArcAgiScorer(): Scorer {
  return {
    name: 'arc_agi_scorer',
    async score({ sample, completion }): Promise<Score> {
      const predicted = parseArcResponse(completion);
      const text = targetText(sample.target);
      let expected: PyJson | undefined = null;
      if (text !== '') {
        expected = pyJsonLoadsOrUndefined(text);
        if (expected === undefined) return { value: 'I', explanation: 'Could not parse expected grid from target' };
      }
      if (expected === null) return { value: 'I', explanation: 'No expected grid found in target' };
      if (predicted === null) return { value: 'I', explanation: 'Could not parse predicted grid from model response' };
      if (pyJsonEquals(predicted, expected)) return { value: 'C', explanation: 'Predicted grid matches expected grid exactly' };
      return { value: 'I', explanation: `Grid mismatch. Expected: ${pyJsonStr(expected)}, Got: ${pyJsonStr(predicted)}` };
    },
  };
}
