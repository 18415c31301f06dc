/** Python `str()` of a JSON value (metadata, record fields): what a group is named after and what an f-string prints. */
import { formatPythonFloat } from './python-float.util';
import { pyRepr } from './python-text.util';

/** JSON cannot tell `1.0` from `1`, so whole numbers print as ints; lists and dicts print their items' `repr`. */
export function pyStr(value: unknown, nested = false): string {
  if (typeof value === 'string') return nested ? pyRepr(value) : value;
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatPythonFloat(value);
  if (Array.isArray(value)) return `[${value.map((item) => pyStr(item, true)).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([key, item]) => `${pyRepr(key)}: ${pyStr(item, true)}`).join(', ')}}`;
}
