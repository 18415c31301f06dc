/**
 * Python jsonschema's `FormatChecker()` as openbench's environment has it (jsonschema 4.23 with `idna` and
 * `jsonpointer` installed, none of `rfc3339-validator`, `rfc3986-validator`, `rfc3987`, `fqdn`, `webcolors`,
 * `isoduration`, `uri-template`). A format is only checked when its checker is registered and the instance is a
 * string; every other format passes. Known differences from the Python checks are listed in the engine README.
 */
import { domainToASCII, domainToUnicode } from 'node:url';

/** `ipaddress.IPv4Address`: four decimal octets 0-255 without leading zeros. */
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** `is_email`, `idn-email`: only that the string contains `@`. */
function isEmail(value: string): boolean {
  return value.includes('@');
}

function isIpv4(value: string): boolean {
  return IPV4.test(value);
}

/** `ipaddress.IPv6Address` without a scope id (`%eth0`), which jsonschema refuses. */
function isIpv6(value: string): boolean {
  if (value.includes('%')) return false;
  let groups = value;
  let extra = 0;
  const lastColon = value.lastIndexOf(':');
  if (lastColon >= 0 && value.slice(lastColon + 1).includes('.')) {
    if (!isIpv4(value.slice(lastColon + 1))) return false;
    groups = `${value.slice(0, lastColon + 1)}0`;
    extra = 1;
  }
  const doubleColon = groups.split('::');
  if (doubleColon.length > 2) return false;
  const hextets = (part: string) => (part === '' ? [] : part.split(':'));
  const valid = (parts: string[]) => parts.every((part) => /^[0-9a-fA-F]{1,4}$/.test(part));
  if (doubleColon.length === 2) {
    const [head, tail] = doubleColon.map(hextets);
    return valid(head) && valid(tail) && head.length + tail.length + extra <= 7;
  }
  const parts = hextets(groups);
  return valid(parts) && parts.length + extra === 8;
}

/** `date.fromisoformat` behind `^\d{4}-\d{2}-\d{2}$`: a real calendar day in years 1-9999. */
function isDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

/**
 * `time`: in `FormatChecker()`'s class-wide table the draft-3 checker is registered last, so `time` is
 * `datetime.strptime(value, "%H:%M:%S")`: one or two digits each, hours 0-23, minutes and seconds 0-59.
 */
function isTime(value: string): boolean {
  const match = /^(2[0-3]|[0-1]\d|\d):([0-5]\d|\d):(6[0-1]|[0-5]\d|\d)$/i.exec(value);
  return match !== null && Number(match[3]) <= 59;
}

/** `re.compile`; JavaScript's regex dialect stands in for Python's (see the README). */
function isRegex(value: string): boolean {
  return compilePattern(value) !== null;
}

/** `jsonpointer.JsonPointer(value)`: empty, or `/`-separated with `~` only in `~0`/`~1`. */
function isJsonPointer(value: string): boolean {
  if (/~[^01]|~$/.test(value)) return false;
  return value === '' || value.startsWith('/');
}

/** jsonschema's own `is_relative_json_pointer`. */
function isRelativeJsonPointer(value: string): boolean {
  if (value === '') return false;
  const digits = /^\d+/.exec(value)?.[0] ?? '';
  if (digits === '') return false;
  // "digits with a leading 0 are not allowed": a digit right after a 0.
  if (digits.length > 1 && digits.slice(0, -1).includes('0')) return false;
  const rest = value.slice(digits.length);
  return rest === '#' || isJsonPointer(rest);
}

/**
 * `uuid.UUID(value)` (braces, hyphens and a `urn:uuid:` prefix are dropped; 32 characters `int(_, 16)` accepts remain)
 * and hyphens at positions 8, 13, 18 and 23.
 */
function isUuid(value: string): boolean {
  const hex = value.replaceAll('urn:', '').replaceAll('uuid:', '').replace(/^[{}]+|[{}]+$/g, '').replaceAll('-', '');
  if ([...hex].length !== 32) return false;
  if (!/^\s*[+-]?(?:0[xX]_?)?[0-9a-fA-F]+(?:_[0-9a-fA-F]+)*\s*$/.test(hex)) return false;
  return [8, 13, 18, 23].every((position) => value[position] === '-');
}

/** One label of `idna.encode` (idna 3.x, no UTS 46 mapping). */
function idnaLabelOk(label: string): boolean {
  if (label === '') return false;
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(label)) {
    const lower = label.toLowerCase();
    if (lower.startsWith('xn--')) {
      const puny = lower.slice(4);
      if (puny === '' || puny.endsWith('-')) return false;
      const unicode = domainToUnicode(lower);
      return unicode !== '' && unicode !== lower && label.length <= 63;
    }
    if (!/^[a-z0-9-]+$/.test(lower)) return false;
    if (lower.startsWith('-') || lower.endsWith('-') || lower.slice(2, 4) === '--') return false;
    return label.length <= 63;
  }
  if (label.normalize('NFC') !== label) return false;
  if (label.startsWith('-') || label.endsWith('-') || label.slice(2, 4) === '--') return false;
  const ascii = domainToASCII(label);
  return ascii !== '' && ascii.length <= 63;
}

/** `idna.encode(value)`: labels split at the four Unicode full stops, an optional trailing dot, at most 253 octets. */
function isIdnHostname(value: string): boolean {
  const labels = value.split(/[.\u3002\uff0e\uff61]/u);
  if (labels.length === 1 && labels[0] === '') return false;
  const trailingDot = labels.at(-1) === '';
  if (trailingDot) labels.pop();
  if (!labels.every(idnaLabelOk)) return false;
  const encoded = labels.map((label) => (/^[\x00-\x7f]*$/.test(label) ? label : domainToASCII(label))).join('.');
  return encoded.length + (trailingDot ? 1 : 0) <= (trailingDot ? 254 : 253);
}

/** The format checkers `FormatChecker()` runs in openbench's environment, by format name. */
export const PYTHON_FORMAT_CHECKS: Readonly<Record<string, (value: string) => boolean>> = {
  email: isEmail,
  'idn-email': isEmail,
  ipv4: isIpv4,
  ipv6: isIpv6,
  'idn-hostname': isIdnHostname,
  regex: isRegex,
  date: isDate,
  time: isTime,
  'json-pointer': isJsonPointer,
  'relative-json-pointer': isRelativeJsonPointer,
  uuid: isUuid,
};

/**
 * A schema `pattern` or `regex` value as a JavaScript RegExp: Unicode mode first (code-point semantics as in Python),
 * else the legacy mode, which accepts identity escapes such as `\_` that Python accepts too; Python's named-group syntax
 * is rewritten. Null when neither mode compiles it.
 */
export function compilePattern(pattern: string): RegExp | null {
  const source = pattern.replaceAll('(?P<', '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
  for (const flags of ['u', '']) {
    try {
      return new RegExp(source, flags);
    } catch {
      // try the next mode
    }
  }
  return null;
}
