/**
 * CPython's `float(str)`, `int(str)`, `str(float)` and `round(float, n)`. The DROP-style answer normalisation
 * turns every token that Python accepts as a float into `str(float(token))`, so both the accepted
 * syntax (`1_000`, `1e3`, `inf`, `nan`, non-ASCII decimal digits) and repr's formatting
 * (`1000.0`, `1e+16`, `1e-05`) decide whether two answers match.
 */
import { PY_SPACE } from './python-text.util';

const PY_SPACE_CHAR = new RegExp(`^${PY_SPACE}$`, 'u');
const DECIMAL_DIGIT = /^\p{Nd}$/u;
const FLOAT_SYNTAX = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity|nan)$/i;
const ASCII_SPACE = /^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g;

/**
 * Value of a Unicode decimal digit. Decimal digits come in contiguous runs of ten starting at
 * zero, so the offset from the start of the surrounding run, modulo ten, is the digit.
 */
function decimalDigitValue(codePoint: number): number {
  let start = codePoint;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
  return (codePoint - start) % 10;
}

/**
 * CPython `_PyUnicode_TransformDecimalAndSpaceToASCII`: whitespace becomes a space, decimal
 * digits of any script become ASCII digits, and any other non-ASCII character becomes `?`,
 * which no float syntax accepts.
 */
function toAsciiNumeral(text: string): string {
  let out = '';
  for (const char of text) {
    const codePoint = char.codePointAt(0) as number;
    if (PY_SPACE_CHAR.test(char)) out += ' ';
    else if (codePoint < 128) out += char;
    else if (DECIMAL_DIGIT.test(char)) out += String(decimalDigitValue(codePoint));
    else out += '?';
  }
  return out;
}

/** CPython `_Py_string_to_number_with_underscores`: `_` only between two digits, then dropped. */
function removeUnderscores(text: string): string | null {
  if (!text.includes('_')) return text;
  let out = '';
  let prev = '';
  for (const char of text) {
    const isDigit = char >= '0' && char <= '9';
    if (char === '_') {
      if (!(prev >= '0' && prev <= '9')) return null;
    } else {
      if (prev === '_' && !isDigit) return null;
      out += char;
    }
    prev = char;
  }
  return prev === '_' ? null : out;
}

/** Python `int(text)` (base 10), or null where Python raises `ValueError`. */
export function parsePythonInt(text: string): bigint | null {
  const ascii = removeUnderscores(toAsciiNumeral(text).replace(ASCII_SPACE, ''));
  if (ascii === null || !/^[+-]?\d+$/.test(ascii)) return null;
  return BigInt(ascii.replace(/^\+/, ''));
}

/** Python `float(text)`, or null where Python raises `ValueError`. */
export function parsePythonFloat(text: string): number | null {
  const ascii = removeUnderscores(toAsciiNumeral(text).replace(ASCII_SPACE, ''));
  if (ascii === null || !FLOAT_SYNTAX.test(ascii)) return null;
  const unsigned = ascii.replace(/^[+-]/, '').toLowerCase();
  const negative = ascii.startsWith('-');
  if (unsigned === 'nan') return Number.NaN;
  if (unsigned === 'inf' || unsigned === 'infinity') return negative ? -Infinity : Infinity;
  return Number(ascii);
}

/** Python `str(x)` / `repr(x)` for a float: shortest round-trip digits, exponent outside 1e-4..1e16. */
export function formatPythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  if (value === 0) return `${sign}0.0`;
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${digits[0]}${fraction}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}.${fraction === '' ? '0' : fraction}`;
}

/**
 * Python `round(x, ndigits)`: the exact binary value rounded half-to-even at `ndigits` decimals
 * (unlike `Math.round(x * 100) / 100`, which rounds `x * 100` after it has already been rounded).
 */
export function pyRound(value: number, ndigits: number): number {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e21) return value;
  // A double below 1e21 has at most 1074 fractional binary digits but far fewer significant
  // ones; 100 decimals is the most toFixed allows and is exact for the magnitudes scored here.
  const exact = Math.abs(value).toFixed(100);
  const point = exact.indexOf('.');
  const kept = exact.slice(0, point + 1 + ndigits);
  const rest = exact.slice(point + 1 + ndigits);
  let roundUp = false;
  if (rest[0] > '5') roundUp = true;
  else if (rest[0] === '5') {
    const beyondHalf = /[1-9]/.test(rest.slice(1));
    const lastKept = kept.replace('.', '').slice(-1);
    roundUp = beyondHalf || Number(lastKept) % 2 === 1;
  }
  const scaled = BigInt(kept.replace('.', '')) + (roundUp ? 1n : 0n);
  const magnitude = Number(`${scaled}e-${ndigits}`);
  return value < 0 ? -magnitude : magnitude;
}

/**
 * Python's `sum()` of floats (3.12 and later, the versions openbench's `.python-version` lists first): Neumaier's
 * compensated summation, the compensation added once at the end.
 */
export function pySum(values: readonly number[]): number {
  let total = 0;
  let compensation = 0;
  for (const value of values) {
    const next = total + value;
    compensation += Math.abs(total) >= Math.abs(value) ? total - next + value : value - next + total;
    total = next;
  }
  return compensation !== 0 && Number.isFinite(compensation) ? total + compensation : total;
}
