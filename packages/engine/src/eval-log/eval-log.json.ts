/**
 * JSON as Inspect writes it: pydantic's `to_json` emits non-finite floats as the bare tokens
 * `NaN`, `Infinity` and `-Infinity` (a metric over zero scored samples is NaN), which plain
 * JSON.stringify would turn into null and JSON.parse rejects.
 */

/** Stands in for a non-finite number while JSON.stringify/JSON.parse run; the NUL makes a clash with real data implausible. */
const NON_FINITE_MARK = '\u0000inspect-non-finite:';
const NON_FINITE_TOKENS = ['-Infinity', 'Infinity', 'NaN'] as const;

/**
 * Serialises like Inspect's `to_json(indent=2)`; undefined properties are left out (its `exclude_none`). A value
 * without non-finite numbers (nearly every one) is stringified without a replacer: calling one for every property
 * made this a third of the `.eval` writer's time.
 */
export function stringifyInspectJson(value: unknown): string {
  if (!mayHoldNonFinite(value)) {
    const text = JSON.stringify(value, null, 2);
    if (text === undefined) throw new TypeError('value has no JSON representation');
    return text;
  }
  let nonFinite = false;
  const text = JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (typeof v === 'number' && !Number.isFinite(v)) {
        nonFinite = true;
        return `${NON_FINITE_MARK}${String(v)}`;
      }
      return v;
    },
    2,
  );
  if (text === undefined) throw new TypeError('value has no JSON representation');
  if (!nonFinite) return text;
  const marked = JSON.stringify(NON_FINITE_MARK).slice(1, -1);
  return text.replace(new RegExp(`"${escapeRegExp(marked)}(-Infinity|Infinity|NaN)"`, 'g'), '$1');
}

/**
 * Whether JSON.stringify could meet a non-finite number in `value`: one found, or an object with `toJSON`, whose
 * result is only known once it is called.
 */
function mayHoldNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (mayHoldNonFinite(item)) return true;
    return false;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return true;
  for (const key in value) if (mayHoldNonFinite((value as Record<string, unknown>)[key])) return true;
  return false;
}

/** Parses JSON that may contain Inspect's `NaN`/`Infinity` tokens. */
export function parseInspectJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!/NaN|Infinity/.test(text)) throw error;
  }
  return JSON.parse(quoteNonFiniteTokens(text), (_key, v: unknown) =>
    typeof v === 'string' && v.startsWith(NON_FINITE_MARK) ? Number(v.slice(NON_FINITE_MARK.length)) : v,
  );
}

/** Rewrites bare non-finite tokens outside string literals into marked strings that JSON.parse accepts. */
function quoteNonFiniteTokens(text: string): string {
  let out = '';
  let copiedUpTo = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      continue;
    }
    const token = NON_FINITE_TOKENS.find((t) => text.startsWith(t, i));
    if (token !== undefined) {
      out += text.slice(copiedUpTo, i) + JSON.stringify(`${NON_FINITE_MARK}${token}`);
      i += token.length - 1;
      copiedUpTo = i + 1;
    }
  }
  return out + text.slice(copiedUpTo);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
