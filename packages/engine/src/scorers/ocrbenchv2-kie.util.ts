/**
 * `kie_f1_evaluation` of openbench's `scorers/ocrbenchv2.py`: both sides parsed as `json.loads`, else
 * `ast.literal_eval` (code fences removed, the prediction cut to its outermost braces), then an F1 over the keys whose
 * normalised values are equal. An answer that does not parse falls back to a substring test, a prediction that does
 * not parse to the share of answer values it contains. Errors upstream does not catch are thrown with Python's message
 * (the scorer turns them into a 0 as upstream's does).
 */
import { PyJsonDecodeError, pyJsonLoads, pyJsonStr, pyJsonTypeName, type PyJson } from './python-json.util';
import { formatPythonFloat } from './python-float.util';
import { PyLiteralError, pyLiteralEval, pyLiteralRepr, pyLiteralStr, type PyLiteral } from '../tasks/shared/python-literal.util';
import { pyLower, pyStrip } from './python-text.util';

/** A parsed value as the evaluation reads it: its type name, and for a dict its entries by Python key equality. */
interface Parsed {
  typeName: string;
  /** `str(value)` of each value, and `flatten_value` of it (a list's first item, `""` for an empty list). */
  dict: Map<string, { str: string; flat: string }> | null;
}

function fromJson(value: PyJson): Parsed {
  if (!(value instanceof Map)) return { typeName: pyJsonTypeName(value), dict: null };
  const dict = new Map<string, { str: string; flat: string }>();
  for (const [key, item] of value) {
    const flat = Array.isArray(item) ? (item.length > 0 ? pyJsonStr(item[0]) : '') : pyJsonStr(item);
    dict.set(`s:${key}`, { str: pyJsonStr(item), flat });
  }
  return { typeName: 'dict', dict };
}

const LITERAL_TYPE_NAMES: Record<PyLiteral['kind'], string> = {
  str: 'str',
  bytes: 'bytes',
  int: 'int',
  float: 'float',
  complex: 'complex',
  bool: 'bool',
  none: 'NoneType',
  ellipsis: 'ellipsis',
  list: 'list',
  tuple: 'tuple',
  set: 'set',
  dict: 'dict',
};

/** A dict key as Python hashes and compares it: `1`, `1.0` and `True` are one key, `"1"` another. */
function literalKey(key: PyLiteral): string {
  if (key.kind === 'str') return `s:${key.value}`;
  if (key.kind === 'bool') return `n:${key.value ? 1 : 0}`;
  if (key.kind === 'int') return `n:${key.value}`;
  if (key.kind === 'float') return Number.isInteger(key.value) ? `n:${BigInt(key.value)}` : `n:${formatPythonFloat(key.value)}`;
  return `r:${pyLiteralRepr(key)}`;
}

function fromLiteral(value: PyLiteral): Parsed {
  if (value.kind !== 'dict') return { typeName: LITERAL_TYPE_NAMES[value.kind], dict: null };
  const dict = new Map<string, { str: string; flat: string }>();
  for (const [key, item] of value.entries) {
    const flat = item.kind === 'list' ? (item.items.length > 0 ? pyLiteralStr(item.items[0]) : '') : pyLiteralStr(item);
    dict.set(literalKey(key), { str: pyLiteralStr(item), flat });
  }
  return { typeName: 'dict', dict };
}

/** `json.loads`, else `ast.literal_eval`; null where both raise what upstream catches (decode, value, syntax errors). */
function parse(text: string): Parsed | null {
  try {
    return fromJson(pyJsonLoads(text));
  } catch (error) {
    if (!(error instanceof PyJsonDecodeError)) throw error;
  }
  try {
    return fromLiteral(pyLiteralEval(text));
  } catch (error) {
    if (error instanceof PyLiteralError && error.pyType !== 'TypeError') return null;
    throw error;
  }
}

const unfence = (text: string) => text.replaceAll('```json', '').replaceAll('```', '');

/** The official normalisation: lowercase, strip, newlines to spaces, every space removed. */
const normalize = (text: string) => pyStrip(pyLower(text)).replaceAll('\n', ' ').replaceAll(' ', '');

export function kieF1Evaluation(predict: string, answers: readonly string[]): number {
  if (answers.length === 0) return 0;
  const truthText = answers[0];
  const truth = parse(pyStrip(unfence(truthText)));
  if (truth === null) return predict.includes(truthText) ? 1 : 0;

  let predText = pyStrip(unfence(predict));
  if (predText.includes('{') && predText.includes('}')) predText = predText.slice(predText.indexOf('{'), predText.lastIndexOf('}') + 1);
  const predicted = parse(predText);
  if (predicted === null) {
    if (truth.dict === null) throw new Error(`'${truth.typeName}' object has no attribute 'values'`);
    const values = [...truth.dict.values()];
    return values.length > 0 ? values.filter((value) => predict.includes(value.str)).length / values.length : 0;
  }
  if (predicted.dict === null || truth.dict === null) return 0;
  let matches = 0;
  for (const [key, value] of truth.dict) {
    const other = predicted.dict.get(key);
    if (other !== undefined && normalize(value.flat) === normalize(other.flat)) matches += 1;
  }
  const precision = predicted.dict.size > 0 ? matches / predicted.dict.size : 0;
  const recall = truth.dict.size > 0 ? matches / truth.dict.size : 0;
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}
