/**
 * `ast.literal_eval` for the one shape openbench's tasks feed it: a list of str literals as Python's `repr` writes
 * it (MuSR stores its choices that way). Single- or double-quoted literals with Python's escapes; anything else is
 * refused with `null`, where the caller does what upstream does when `literal_eval` raises.
 */
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

export function pythonStringListLiteral(text: string): string[] | null {
  let at = 0;
  const skipSpace = () => {
    while (at < text.length && ' \t\n\r\f\v'.includes(text[at])) at++;
  };
  const readString = (): string | null => {
    const quote = text[at];
    if (quote !== "'" && quote !== '"') return null;
    at++;
    let value = '';
    while (at < text.length && text[at] !== quote) {
      const char = text[at++];
      if (char === '\n') return null;
      if (char !== '\\') {
        value += char;
        continue;
      }
      const next = text[at++];
      if (next === undefined) return null;
      if (Object.hasOwn(SIMPLE_ESCAPES, next)) value += SIMPLE_ESCAPES[next];
      else if (/[0-7]/.test(next)) {
        const digits = (next + text.slice(at, at + 2)).match(/^[0-7]{1,3}/)![0];
        at += digits.length - 1;
        value += String.fromCodePoint(parseInt(digits, 8));
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const width = { x: 2, u: 4, U: 8 }[next];
        const hex = text.slice(at, at + width);
        if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex) || parseInt(hex, 16) > 0x10ffff) return null;
        at += width;
        value += String.fromCodePoint(parseInt(hex, 16));
      } else value += `\\${next}`; // Python keeps an unknown escape as written
    }
    if (at >= text.length) return null;
    at++;
    return value;
  };

  skipSpace();
  if (text[at++] !== '[') return null;
  const items: string[] = [];
  skipSpace();
  while (text[at] !== ']') {
    let item = readString();
    if (item === null) return null;
    skipSpace();
    // Adjacent literals concatenate, as in Python source.
    while (text[at] === "'" || text[at] === '"') {
      const more = readString();
      if (more === null) return null;
      item += more;
      skipSpace();
    }
    items.push(item);
    if (text[at] === ',') {
      at++;
      skipSpace();
    } else if (text[at] !== ']') return null;
  }
  at++;
  skipSpace();
  return at === text.length ? items : null;
}
