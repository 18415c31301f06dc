/**
 * CPython's `ast.literal_eval(str)` and `str()` of what it returns. openbench feeds it dataset fields (MuSR's and
 * MMMU's choice lists) and model answers (ChartQAPro's list answers), so the whole literal grammar is accepted:
 * str/bytes literals with every prefix, escape and implicit concatenation, int/float/complex numbers in every base
 * with `_` separators, one sign and the `a+bj` form, True/False/None/`...`, tuples, lists, sets, dicts and `set()`,
 * parentheses, comments, line joins inside brackets. Anything else raises as upstream does: `PyLiteralError` with
 * `SyntaxError`/`ValueError` where `literal_eval` raises those, `TypeError` for an unhashable set item or dict key.
 *
 * Not reproduced: `\N{name}` escapes (no Unicode name table here; such a literal is refused with ValueError), and
 * the iteration order of a set, which CPython derives from hashes (salted per process for str): a set keeps its
 * items in source order.
 */
import { formatPythonFloat } from '../../scorers/python-float.util';
import { pyRepr } from '../../scorers/python-text.util';

export type PyLiteral =
  | { kind: 'str'; value: string }
  | { kind: 'bytes'; value: number[] }
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'complex'; re: number; im: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' }
  | { kind: 'ellipsis' }
  | { kind: 'list' | 'tuple' | 'set'; items: PyLiteral[] }
  | { kind: 'dict'; entries: [PyLiteral, PyLiteral][] };

export class PyLiteralError extends Error {
  constructor(
    readonly pyType: 'SyntaxError' | 'ValueError' | 'TypeError',
    message: string,
  ) {
    super(message);
    this.name = pyType;
  }
}

const syntax = (message: string) => new PyLiteralError('SyntaxError', message);
const malformed = () => new PyLiteralError('ValueError', 'malformed node or string');

/** CPython's `sys.int_info.str_digits_check_threshold` default: int↔str conversions beyond it raise ValueError. */
const INT_MAX_STR_DIGITS = 4300;

// ---------------------------------------------------------------------------------------------------------------
// Tokens

type Token =
  | { type: 'op'; value: string }
  | { type: 'name'; value: string }
  | { type: 'number'; value: PyLiteral }
  | { type: 'string'; value: PyLiteral; fString: boolean }
  | { type: 'end' };

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
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

const NAME_START = /[\p{L}\p{Nl}_\u1885\u1886\u2118\u212e\u309b\u309c]/u;
const NAME_CHAR = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_\u00b7\u0387\u1369-\u1371\u19da\u1885\u1886\u2118\u212e\u309b\u309c]/u;
const STRING_PREFIX = /^(?:[rRuUbBfF]|[bBfF][rR]|[rR][bBfF])$/;

const DIGITS = { 2: /[01]/, 8: /[0-7]/, 10: /[0-9]/, 16: /[0-9a-fA-F]/ } as const;

/** The body of a str/bytes literal with its escapes decoded (`\N{…}` refused), as the tokenizer's parser does. */
function decodeBody(body: string, raw: boolean, bytes: boolean): string {
  if (raw) return body;
  let out = '';
  for (let at = 0; at < body.length; ) {
    const char = body[at++];
    if (char !== '\\') {
      out += char;
      continue;
    }
    const next = body[at++];
    if (next === '\n') continue; // backslash-newline continues the literal
    if (next === '\r') {
      if (body[at] === '\n') at++;
      continue;
    }
    if (Object.hasOwn(SIMPLE_ESCAPES, next)) out += SIMPLE_ESCAPES[next];
    else if (/[0-7]/.test(next)) {
      const digits = (next + body.slice(at, at + 2)).match(/^[0-7]{1,3}/)![0];
      at += digits.length - 1;
      const code = parseInt(digits, 8);
      if (bytes && code > 0xff) throw new PyLiteralError('ValueError', 'bytes must be in range(0, 256)');
      out += String.fromCodePoint(code);
    } else if (next === 'x' || (!bytes && (next === 'u' || next === 'U'))) {
      const width = { x: 2, u: 4, U: 8 }[next];
      const hex = body.slice(at, at + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) throw syntax(`truncated \\${next} escape`);
      if (parseInt(hex, 16) > 0x10ffff) throw syntax('illegal Unicode character');
      at += width;
      out += String.fromCodePoint(parseInt(hex, 16));
    } else if (next === 'N' && !bytes) throw new PyLiteralError('ValueError', '\\N{...} escapes are not supported here');
    else out += `\\${next}`; // an unknown escape stays as written (with a SyntaxWarning)
  }
  return out;
}

class Tokenizer {
  private at = 0;
  private depth = 0;
  readonly tokens: Token[] = [];

  constructor(private readonly text: string) {}

  run(): Token[] {
    if (this.text.includes('\0')) throw syntax('source code string cannot contain null bytes');
    let lineStart = true;
    let sawExpression = false;
    let lineEnded = false;
    while (this.at < this.text.length) {
      const char = this.text[this.at];
      if (char === ' ' || char === '\t' || char === '\f') {
        // Indentation before the expression's first line is an IndentationError; blank lines may be indented.
        if (lineStart && this.depth === 0 && !this.restOfLineIsBlank(this.at)) throw syntax('unexpected indent');
        this.at++;
        continue;
      }
      lineStart = false;
      if (char === '#') {
        while (this.at < this.text.length && this.text[this.at] !== '\n' && this.text[this.at] !== '\r') this.at++;
        continue;
      }
      if (char === '\\') {
        const after = this.text.slice(this.at + 1, this.at + 3);
        if (after.startsWith('\n') || after.startsWith('\r')) {
          this.at += after === '\r\n' ? 3 : 2;
          continue;
        }
        throw syntax('unexpected character after line continuation character');
      }
      if (char === '\n' || char === '\r') {
        this.at++;
        if (this.depth === 0) {
          lineStart = true;
          if (sawExpression) lineEnded = true;
        }
        continue;
      }
      // eval mode takes one logical line: a token on a later line is a SyntaxError.
      if (lineEnded) throw syntax('invalid syntax');
      sawExpression = true;
      this.tokens.push(this.token());
    }
    if (this.depth > 0) throw syntax("'(' was never closed");
    this.tokens.push({ type: 'end' });
    return this.tokens;
  }

  private restOfLineIsBlank(from: number): boolean {
    const rest = this.text.slice(from).split(/\r\n|\r|\n/, 1)[0];
    return /^[ \t\f]*(?:#.*)?$/.test(rest);
  }

  private token(): Token {
    const text = this.text;
    const char = text[this.at];
    if ('([{'.includes(char)) {
      this.depth++;
      this.at++;
      return { type: 'op', value: char };
    }
    if (')]}'.includes(char)) {
      this.depth--;
      if (this.depth < 0) throw syntax(`unmatched '${char}'`);
      this.at++;
      return { type: 'op', value: char };
    }
    if (text.startsWith('...', this.at)) {
      this.at += 3;
      return { type: 'op', value: '...' };
    }
    if (/[0-9]/.test(char) || (char === '.' && /[0-9]/.test(text[this.at + 1] ?? ''))) return this.number();
    if (char === "'" || char === '"') return this.string('');
    const codePoint = text.codePointAt(this.at) as number;
    const first = String.fromCodePoint(codePoint);
    if (NAME_START.test(first)) {
      let end = this.at + first.length;
      while (end < text.length) {
        const next = String.fromCodePoint(text.codePointAt(end) as number);
        if (!NAME_CHAR.test(next)) break;
        end += next.length;
      }
      const name = text.slice(this.at, end);
      if ((text[end] === "'" || text[end] === '"') && STRING_PREFIX.test(name)) {
        this.at = end;
        return this.string(name.toLowerCase());
      }
      this.at = end;
      return { type: 'name', value: name };
    }
    // Operators: the literal grammar uses , : + - ; any other operator makes the expression a non-literal.
    const operator = /^(?:\*\*=?|\/\/=?|>>=?|<<=?|->|:=|[-+*\/%&|^@<>=!]=|[-+*\/%&|^~<>@,:;.=])/.exec(text.slice(this.at));
    if (operator === null) throw syntax(`invalid character '${first}'`);
    this.at += operator[0].length;
    return { type: 'op', value: operator[0] };
  }

  private digitPart(radix: 2 | 8 | 10 | 16): string {
    const text = this.text;
    let digits = '';
    while (this.at < text.length) {
      const char = text[this.at];
      if (DIGITS[radix].test(char)) {
        digits += char;
        this.at++;
      } else if (char === '_' && digits !== '' && DIGITS[radix].test(text[this.at + 1] ?? '')) this.at++;
      else break;
    }
    return digits;
  }

  private number(): Token {
    const text = this.text;
    const start = this.at;
    let value: PyLiteral;
    const radixMark = /^0([xXoObB])_?/.exec(text.slice(this.at));
    if (radixMark) {
      const radix = { x: 16, o: 8, b: 2 }[radixMark[1].toLowerCase() as 'x' | 'o' | 'b'] as 2 | 8 | 16;
      this.at += radixMark[0].length;
      const digits = this.digitPart(radix);
      if (digits === '') throw syntax('invalid literal');
      value = { kind: 'int', value: BigInt(`0${radixMark[1].toLowerCase()}${digits}`) };
    } else {
      const whole = this.digitPart(10);
      let isFloat = false;
      let fraction = '';
      let exponent = '';
      if (text[this.at] === '.') {
        isFloat = true;
        this.at++;
        fraction = this.digitPart(10);
      }
      const exponentMark = /^[eE][+-]?[0-9]/.exec(text.slice(this.at));
      if (exponentMark) {
        isFloat = true;
        this.at += exponentMark[0].length - 1;
        exponent = `e${exponentMark[0].slice(1, -1)}${this.digitPart(10)}`;
      }
      const literal = `${whole || '0'}.${fraction || '0'}${exponent}`;
      if (text[this.at] === 'j' || text[this.at] === 'J') {
        this.at++;
        value = { kind: 'complex', re: 0, im: Number(literal) };
      } else if (isFloat) value = { kind: 'float', value: Number(literal) };
      else {
        // A decimal int may not have leading zeros (other than all zeros), nor more digits than str() converts.
        if (/^0+[1-9]/.test(whole)) throw syntax('leading zeros in decimal integer literals are not permitted');
        if (whole.length > INT_MAX_STR_DIGITS) throw syntax('Exceeds the limit for integer string conversion');
        value = { kind: 'int', value: BigInt(whole) };
      }
    }
    const after = text[this.at] ?? '';
    if (/[0-9_]/.test(after) || (after !== '' && NAME_CHAR.test(String.fromCodePoint(text.codePointAt(this.at) as number)))) {
      throw syntax(`invalid literal '${text.slice(start, this.at + 1)}'`);
    }
    return { type: 'number', value };
  }

  private string(prefix: string): Token {
    const text = this.text;
    const raw = prefix.includes('r');
    const bytes = prefix.includes('b');
    const quote = text.startsWith(text[this.at].repeat(3), this.at) ? text[this.at].repeat(3) : text[this.at];
    this.at += quote.length;
    const start = this.at;
    for (;;) {
      if (this.at >= text.length) throw syntax('unterminated string literal');
      const char = text[this.at];
      if (char === '\\') {
        this.at += 2;
        continue;
      }
      if (quote.length === 1 && (char === '\n' || char === '\r')) throw syntax('unterminated string literal');
      if (text.startsWith(quote, this.at)) break;
      this.at++;
    }
    let body = text.slice(start, this.at);
    this.at += quote.length;
    // Source newlines inside a literal read as \n (universal newlines).
    body = body.replace(/\r\n?/g, '\n');
    if (bytes && /[^\x00-\x7f]/.test(body)) throw syntax('bytes can only contain ASCII literal characters');
    const decoded = decodeBody(body, raw, bytes);
    const value: PyLiteral = bytes ? { kind: 'bytes', value: Array.from(decoded, (c) => c.charCodeAt(0)) } : { kind: 'str', value: decoded };
    return { type: 'string', value, fString: prefix.includes('f') };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Parser: the expression grammar as far as literals reach; a construct outside it is a non-literal (ValueError).

type Node =
  | { node: 'constant'; value: PyLiteral }
  | { node: 'unary'; op: '+' | '-'; operand: Node }
  | { node: 'binary'; op: '+' | '-'; left: Node; right: Node }
  | { node: 'list' | 'tuple' | 'set'; items: Node[] }
  | { node: 'dict'; entries: [Node, Node][] }
  | { node: 'emptySet' };

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.at];
  }
  private isOp(value: string): boolean {
    const token = this.peek();
    return token.type === 'op' && token.value === value;
  }
  private expect(value: string): void {
    if (!this.isOp(value)) throw this.unexpected();
    this.at++;
  }
  private unexpected(): PyLiteralError {
    // A token the literal grammar has no place for: CPython raises SyntaxError or, for a well-formed non-literal
    // expression, ValueError; callers of literal_eval treat both alike.
    return malformed();
  }
  private startsExpression(): boolean {
    const token = this.peek();
    if (token.type === 'end') return false;
    if (token.type !== 'op') return true;
    return ['(', '[', '{', '+', '-', '...'].includes(token.value);
  }

  parseTop(): Node {
    const first = this.expression();
    let node = first;
    if (this.isOp(',')) {
      const items = [first];
      while (this.isOp(',')) {
        this.at++;
        if (!this.startsExpression()) break;
        items.push(this.expression());
      }
      node = { node: 'tuple', items };
    }
    if (this.peek().type !== 'end') throw this.unexpected();
    return node;
  }

  private expression(): Node {
    let left = this.unary();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.tokens[this.at++] as { value: '+' | '-' }).value;
      left = { node: 'binary', op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Node {
    if (this.isOp('+') || this.isOp('-')) {
      const op = (this.tokens[this.at++] as { value: '+' | '-' }).value;
      return { node: 'unary', op, operand: this.unary() };
    }
    return this.atom();
  }

  private atom(): Node {
    const token = this.peek();
    if (token.type === 'number') {
      this.at++;
      return { node: 'constant', value: token.value };
    }
    if (token.type === 'string') return this.strings();
    if (token.type === 'name') {
      this.at++;
      if (token.value === 'True' || token.value === 'False') return { node: 'constant', value: { kind: 'bool', value: token.value === 'True' } };
      if (token.value === 'None') return { node: 'constant', value: { kind: 'none' } };
      if (token.value === 'set' && this.isOp('(')) {
        this.at++;
        this.expect(')');
        return { node: 'emptySet' };
      }
      throw this.unexpected();
    }
    if (token.type !== 'op') throw this.unexpected();
    this.at++;
    if (token.value === '...') return { node: 'constant', value: { kind: 'ellipsis' } };
    if (token.value === '(') {
      if (this.isOp(')')) {
        this.at++;
        return { node: 'tuple', items: [] };
      }
      const first = this.expression();
      if (this.isOp(')')) {
        this.at++;
        return first;
      }
      const items = [first, ...this.rest(')')];
      return { node: 'tuple', items };
    }
    if (token.value === '[') {
      if (this.isOp(']')) {
        this.at++;
        return { node: 'list', items: [] };
      }
      return { node: 'list', items: [this.expression(), ...this.rest(']')] };
    }
    if (token.value === '{') {
      if (this.isOp('}')) {
        this.at++;
        return { node: 'dict', entries: [] };
      }
      const first = this.expression();
      if (this.isOp(':')) {
        this.at++;
        const entries: [Node, Node][] = [[first, this.expression()]];
        while (this.isOp(',')) {
          this.at++;
          if (this.isOp('}')) break;
          const key = this.expression();
          this.expect(':');
          entries.push([key, this.expression()]);
        }
        this.expect('}');
        return { node: 'dict', entries };
      }
      return { node: 'set', items: [first, ...this.rest('}')] };
    }
    throw this.unexpected();
  }

  /** `, item`* with an optional trailing comma, then the closing bracket. */
  private rest(close: string): Node[] {
    const items: Node[] = [];
    while (this.isOp(',')) {
      this.at++;
      if (this.isOp(close)) break;
      items.push(this.expression());
    }
    this.expect(close);
    return items;
  }

  /** Adjacent literals concatenate; str and bytes do not mix, and an f-string makes a JoinedStr (not a literal). */
  private strings(): Node {
    const parts: Extract<Token, { type: 'string' }>[] = [];
    while (this.peek().type === 'string') parts.push(this.tokens[this.at++] as Extract<Token, { type: 'string' }>);
    const kinds = new Set(parts.map((part) => part.value.kind));
    if (kinds.size > 1) throw syntax('cannot mix bytes and nonbytes literals');
    if (parts.some((part) => part.fString)) throw malformed();
    if (kinds.has('bytes')) return { node: 'constant', value: { kind: 'bytes', value: parts.flatMap((part) => (part.value as { value: number[] }).value) } };
    return { node: 'constant', value: { kind: 'str', value: parts.map((part) => (part.value as { value: string }).value).join('') } };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation, as `ast.literal_eval`'s `_convert`

const isNumber = (value: PyLiteral): boolean => value.kind === 'int' || value.kind === 'float' || value.kind === 'complex';

function convertNum(node: Node): PyLiteral {
  if (node.node !== 'constant' || !isNumber(node.value)) throw malformed();
  return node.value;
}

function negate(value: PyLiteral): PyLiteral {
  if (value.kind === 'int') return { kind: 'int', value: -value.value };
  if (value.kind === 'float') return { kind: 'float', value: -value.value };
  const complex = value as { re: number; im: number };
  return { kind: 'complex', re: -complex.re, im: -complex.im };
}

function convertSignedNum(node: Node): PyLiteral {
  if (node.node === 'unary') {
    const operand = convertNum(node.operand);
    return node.op === '+' ? operand : negate(operand);
  }
  return convertNum(node);
}

const asFloat = (value: PyLiteral): number => (value.kind === 'int' ? Number(value.value) : (value as { value: number }).value);

/** Python `==` between two hashable literals (1 == 1.0 == True == 1+0j). */
function pyEquals(a: PyLiteral, b: PyLiteral): boolean {
  const numeric = (value: PyLiteral): { re: number; im: number; int?: bigint } | null => {
    if (value.kind === 'bool') return { re: value.value ? 1 : 0, im: 0, int: value.value ? 1n : 0n };
    if (value.kind === 'int') return { re: Number(value.value), im: 0, int: value.value };
    if (value.kind === 'float') return { re: value.value, im: 0 };
    if (value.kind === 'complex') return { re: value.re, im: value.im };
    return null;
  };
  const x = numeric(a);
  const y = numeric(b);
  if (x !== null || y !== null) {
    if (x === null || y === null) return false;
    if (x.int !== undefined && y.int !== undefined) return x.int === y.int;
    return x.re === y.re && x.im === y.im;
  }
  if (a.kind !== b.kind) return false;
  if (a.kind === 'str') return a.value === (b as typeof a).value;
  if (a.kind === 'bytes') return a.value.join(',') === (b as typeof a).value.join(',');
  if (a.kind === 'tuple') {
    const other = b as typeof a;
    return a.items.length === other.items.length && a.items.every((item, i) => pyEquals(item, other.items[i]));
  }
  return true; // None, Ellipsis
}

function assertHashable(value: PyLiteral): void {
  if (value.kind === 'list' || value.kind === 'set' || value.kind === 'dict') {
    throw new PyLiteralError('TypeError', `unhashable type: '${value.kind}'`);
  }
  if (value.kind === 'tuple') value.items.forEach(assertHashable);
}

function convert(node: Node): PyLiteral {
  switch (node.node) {
    case 'constant':
      return node.value;
    case 'list':
    case 'tuple':
      return { kind: node.node, items: node.items.map(convert) };
    case 'emptySet':
      return { kind: 'set', items: [] };
    case 'set': {
      const items: PyLiteral[] = [];
      for (const item of node.items) {
        const value = convert(item);
        assertHashable(value);
        if (!items.some((kept) => pyEquals(kept, value))) items.push(value);
      }
      return { kind: 'set', items };
    }
    case 'dict': {
      // dict(zip(map(_convert, keys), map(_convert, values))): key, value, insert — pair by pair.
      const entries: [PyLiteral, PyLiteral][] = [];
      for (const [keyNode, valueNode] of node.entries) {
        const key = convert(keyNode);
        const value = convert(valueNode);
        assertHashable(key);
        const existing = entries.find(([kept]) => pyEquals(kept, key));
        if (existing) existing[1] = value;
        else entries.push([key, value]);
      }
      return { kind: 'dict', entries };
    }
    case 'unary':
      return convertSignedNum(node);
    case 'binary': {
      const left = convertSignedNum(node.left);
      const right = convertNum(node.right);
      if ((left.kind === 'int' || left.kind === 'float') && right.kind === 'complex') {
        const re = asFloat(left);
        // int/float ± complex is complex(left) ± right: the imaginary part is 0.0 ± right.imag.
        return node.op === '+' ? { kind: 'complex', re: re + right.re, im: 0 + right.im } : { kind: 'complex', re: re - right.re, im: 0 - right.im };
      }
      throw malformed();
    }
  }
}

/** `ast.literal_eval(text)`: throws `PyLiteralError` where CPython raises. */
export function pyLiteralEval(text: string): PyLiteral {
  const source = text.replace(/^[ \t]+/, '');
  return convert(new Parser(new Tokenizer(source).run()).parseTop());
}

// ---------------------------------------------------------------------------------------------------------------
// str() and repr()

function intText(value: bigint): string {
  const digits = (value < 0n ? -value : value).toString();
  if (digits.length > INT_MAX_STR_DIGITS) {
    throw new PyLiteralError('ValueError', `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit`);
  }
  return value.toString();
}

/** A complex part as CPython's `complex.__repr__` writes it: repr digits, no `.0` on whole numbers. */
function complexPart(value: number): string {
  return formatPythonFloat(value).replace(/\.0(?=$|e)/, '');
}

function complexRepr(re: number, im: number): string {
  if (re === 0 && !Object.is(re, -0)) return `${complexPart(im)}j`;
  const imag = complexPart(im);
  const sign = imag.startsWith('-') ? '' : '+';
  return `(${complexPart(re)}${sign}${imag}j)`;
}

function bytesRepr(bytes: number[]): string {
  const quote = bytes.includes(0x27) && !bytes.includes(0x22) ? '"' : "'";
  let out = '';
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (char === '\t') out += '\\t';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (byte < 0x20 || byte >= 0x7f) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return `b${quote}${out}${quote}`;
}

/** Python `repr(value)`. */
export function pyLiteralRepr(value: PyLiteral): string {
  switch (value.kind) {
    case 'str':
      return pyRepr(value.value);
    case 'bytes':
      return bytesRepr(value.value);
    case 'int':
      return intText(value.value);
    case 'float':
      return formatPythonFloat(value.value);
    case 'complex':
      return complexRepr(value.re, value.im);
    case 'bool':
      return value.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'ellipsis':
      return 'Ellipsis';
    case 'list':
      return `[${value.items.map(pyLiteralRepr).join(', ')}]`;
    case 'tuple':
      return value.items.length === 1 ? `(${pyLiteralRepr(value.items[0])},)` : `(${value.items.map(pyLiteralRepr).join(', ')})`;
    case 'set':
      return value.items.length === 0 ? 'set()' : `{${value.items.map(pyLiteralRepr).join(', ')}}`;
    case 'dict':
      return `{${value.entries.map(([key, item]) => `${pyLiteralRepr(key)}: ${pyLiteralRepr(item)}`).join(', ')}}`;
  }
}

/** Python `str(value)`: a str is itself, everything else its repr. */
export function pyLiteralStr(value: PyLiteral): string {
  return value.kind === 'str' ? value.value : pyLiteralRepr(value);
}

/** `ast.literal_eval` of a list of str literals (MuSR and MMMU store choices that way); null where it raises or gives anything else. */
export function pythonStringListLiteral(text: string): string[] | null {
  let value: PyLiteral;
  try {
    value = pyLiteralEval(text);
  } catch {
    return null;
  }
  if (value.kind !== 'list' || !value.items.every((item) => item.kind === 'str')) return null;
  return value.items.map((item) => (item as { value: string }).value);
}
