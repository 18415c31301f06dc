/**
 * libxml2 2.14.6's HTML parser (HTMLparser.c, the version lxml 6.0.2's wheels bundle) as `lxml.html` drives it:
 * `htmlCtxtReadMemory` with RECOVER | NONET | COMPACT, no NOIMPLIED, blanks kept, tree built by the SAX2 handlers.
 * ocrbenchv2 parses model output with it, so its recovery rules decide which table a TEDS score sees: the
 * start-tag auto-close table (`<td>` closes an open `<td>`, `<tr>` an open `<tr>`, but `<table>` closes neither),
 * end-tag priorities (a stray `</td>` cannot close a `<table>`), implied html/body, raw-text elements, comments and
 * HTML5 character references. Ported function by function; the names in comments are libxml2's.
 */
import {
  DATA_MODE, DATA_PLAINTEXT, DATA_RCDATA, DATA_SCRIPT, DATA_SCRIPT_ESC1, DATA_SCRIPT_ESC2, EMPTY, END_PRIORITY,
  HEAD_CONTENT, START_CLOSE,
} from './html-elements.data';
import { findEntity, HTML_PARSER_BUFFER_SIZE, isLetter, isWs, numericRef, REPLACEMENT } from './html-references.util';

export interface HtmlElement {
  kind: 'element';
  name: string;
  /** Attribute values in source order, first occurrence of a name only; null for a valueless attribute. */
  attributes: Map<string, string | null>;
  children: HtmlNode[];
}
export interface HtmlText {
  kind: 'text';
  value: string;
}
export interface HtmlComment {
  kind: 'comment';
}
export type HtmlNode = HtmlElement | HtmlText | HtmlComment;

const INSERT_IN_HEAD = 3;
const INSERT_IN_BODY = 10;

export interface HtmlDocument {
  /** Top-level nodes (comments before the root, the root element, anything after it). */
  children: HtmlNode[];
}

class HtmlParser {
  private pos = 0;
  private readonly names: string[] = [];
  private readonly nodes: HtmlElement[] = [];
  private insertMode = 0;
  private depth = 0;
  private endCheckState = 0;
  readonly doc: HtmlDocument = { children: [] };

  constructor(private readonly input: string) {}

  private get cur(): string {
    return this.input[this.pos] ?? '';
  }
  private nxt(n: number): string {
    return this.input[this.pos + n] ?? '';
  }
  private get name(): string | null {
    return this.names.length > 0 ? this.names[this.names.length - 1] : null;
  }
  private skipBlanks(): void {
    while (isWs(this.cur)) this.pos += 1;
  }

  // ---- SAX2 tree building (xmlSAX2StartElement / EndElement / Characters / Comment) ----
  private parentNodes(): HtmlNode[] {
    const node = this.nodes[this.nodes.length - 1];
    return node ? node.children : this.doc.children;
  }
  private startElement(name: string, attributes: Map<string, string | null>): void {
    const element: HtmlElement = { kind: 'element', name, attributes, children: [] };
    this.parentNodes().push(element);
    this.nodes.push(element);
  }
  private endElement(): void {
    this.nodes.pop();
  }
  private characters(text: string): void {
    const node = this.nodes[this.nodes.length - 1];
    // xmlSAX2Characters drops text that has no element to go into.
    if (!node || text === '') return;
    const last = node.children[node.children.length - 1];
    if (last?.kind === 'text') last.value += text;
    else node.children.push({ kind: 'text', value: text });
  }
  private comment(): void {
    this.parentNodes().push({ kind: 'comment' });
  }

  // ---- element stack (htmlnamePush / htmlnamePop and the auto-close rules) ----
  private push(name: string): void {
    if (this.insertMode < INSERT_IN_HEAD && name === 'head') this.insertMode = INSERT_IN_HEAD;
    if (this.insertMode < INSERT_IN_BODY && name === 'body') this.insertMode = INSERT_IN_BODY;
    this.names.push(name);
  }
  private popElement(): void {
    this.endElement();
    this.names.pop();
  }
  /** htmlAutoClose */
  private autoClose(newTag: string): void {
    while (this.name !== null && START_CLOSE.has(`${this.name}>${newTag}`)) this.popElement();
  }
  /** htmlCheckImplied */
  private checkImplied(newTag: string): void {
    if (newTag === 'html') return;
    if (this.names.length <= 0) {
      this.push('html');
      this.startElement('html', new Map());
    }
    if (newTag === 'body' || newTag === 'head') return;
    if (this.names.length <= 1 && HEAD_CONTENT.has(newTag)) {
      if (this.insertMode >= INSERT_IN_HEAD) return;
      this.push('head');
      this.startElement('head', new Map());
    } else if (newTag !== 'noframes' && newTag !== 'frame' && newTag !== 'frameset') {
      if (this.insertMode >= INSERT_IN_BODY) return;
      if (this.names.some((n) => n === 'body' || n === 'head')) return;
      this.push('body');
      this.startElement('body', new Map());
    }
  }
  /** htmlStartCharData */
  private startCharData(): void {
    if (this.name === 'head') this.autoClose('p');
    this.checkImplied('p');
  }
  /** htmlAutoCloseOnClose */
  private autoCloseOnClose(newTag: string): void {
    const priority = END_PRIORITY[newTag] ?? 100;
    let i = this.names.length - 1;
    for (; i >= 0; i -= 1) {
      if (this.names[i] === newTag) break;
      if ((END_PRIORITY[this.names[i]] ?? 100) > priority) return;
    }
    if (i < 0) return;
    while (this.name !== newTag) this.popElement();
  }

  // ---- tokenizer ----
  /**
   * htmlParseHTMLName: ASCII letters lowered, NUL replaced; stops at `/`, `>`, whitespace (or `=` for attributes).
   * Only the first 100 UTF-8 bytes are kept (HTML_PARSER_BUFFER_SIZE); the rest of the name is consumed and dropped.
   */
  private parseName(attr: boolean): string {
    let out = '';
    let bytes = 0;
    while (this.pos < this.input.length) {
      const codePoint = this.input.codePointAt(this.pos) as number;
      const c = String.fromCodePoint(codePoint);
      if (bytes !== 0 && (c === '/' || c === '>' || (attr && c === '=') || isWs(c))) break;
      const kept = c === '\0' ? REPLACEMENT : c >= 'A' && c <= 'Z' ? c.toLowerCase() : c;
      const size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
      const keptSize = c === '\0' ? 3 : size;
      if (bytes + keptSize <= HTML_PARSER_BUFFER_SIZE) {
        out += kept;
        bytes += keptSize;
      }
      this.pos += c.length;
    }
    return out;
  }

  /** The replacement of the special character at `pos` (NUL, CR, a reference), or null to keep it as text. */
  private special(refs: boolean, isAttr: boolean): [number, string] | null {
    const c = this.cur;
    if (c === '\0') return [1, REPLACEMENT];
    if (c === '\r') return [1, this.nxt(1) === '\n' ? '' : '\n'];
    if (c === '&' && refs) {
      if (this.nxt(1) === '#') return numericRef(this.input, this.pos);
      const entity = findEntity(this.input, this.pos + 1, isAttr);
      return entity ? [entity[0] + 1, entity[1]] : null;
    }
    return null;
  }

  /** htmlParseData: text up to a terminator, references decoded when `refs`. */
  private parseData(stop: (c: string) => boolean, refs: boolean): string {
    let out = '';
    while (this.pos < this.input.length && !stop(this.cur)) {
      const repl = this.special(refs, true);
      if (repl) {
        out += repl[1];
        this.pos += repl[0];
      } else {
        out += this.cur;
        this.pos += 1;
      }
    }
    return out;
  }

  /** htmlParseComment (non-bogus): ends at `-->`, `--!>` or the end of input. */
  private parseComment(bogus: boolean): void {
    if (bogus) {
      this.parseData((c) => c === '>', false);
      if (this.cur === '>') this.pos += 1;
    } else if (this.cur === '>') this.pos += 1;
    else if (this.cur === '-' && this.nxt(1) === '>') this.pos += 2;
    else {
      for (;;) {
        if (this.pos >= this.input.length) break;
        if (this.cur === '-') {
          const rest = this.input.length - this.pos;
          let termSkip = -1;
          if (rest < 2) termSkip = 1;
          else if (this.nxt(1) === '-') {
            if (rest < 3) termSkip = 2;
            else if (this.nxt(2) === '>') termSkip = 3;
            else if (this.nxt(2) === '!') {
              if (rest < 4) termSkip = 3;
              else if (this.nxt(3) === '>') termSkip = 4;
            }
          }
          if (termSkip >= 0) {
            this.pos += termSkip;
            break;
          }
        }
        this.pos += 1;
      }
    }
    this.comment();
  }

  /** htmlParseDocTypeDecl: nothing of a doctype reaches the tree; everything up to the first `>` is skipped. */
  private skipDoctype(): void {
    while (this.pos < this.input.length && this.cur !== '>') this.pos += 1;
    if (this.cur === '>') this.pos += 1;
  }

  /** htmlParseAttribute + htmlParseAttValue, looped as htmlParseStartTag/htmlParseEndTag do. */
  private parseAttributes(): Map<string, string | null> {
    const attributes = new Map<string, string | null>();
    this.skipBlanks();
    while (this.pos < this.input.length && this.cur !== '>' && !(this.cur === '/' && this.nxt(1) === '>')) {
      if (this.cur === '/') {
        this.pos += 1;
        this.skipBlanks();
        continue;
      }
      const name = this.parseName(true);
      let value: string | null = null;
      this.skipBlanks();
      if (this.cur === '=') {
        this.pos += 1;
        this.skipBlanks();
        const quote = this.input[this.pos] ?? '';
        if (quote === '"' || quote === "'") {
          this.pos += 1;
          value = this.parseData((c) => c === quote, true);
          if (this.input[this.pos] === quote) this.pos += 1;
        } else value = this.parseData((c) => isWs(c) || c === '>', true);
      }
      // A repeated attribute is dropped (htmlAttrHashInsert keeps the first).
      if (!attributes.has(name)) attributes.set(name, value);
      this.skipBlanks();
    }
    return attributes;
  }

  /** htmlParseStartTag + htmlParseElementInternal */
  private parseElement(): void {
    this.endCheckState = 0;
    this.pos += 1;
    const name = this.parseName(false);
    this.autoClose(name);
    this.checkImplied(name);
    let discard =
      (this.names.length > 0 && name === 'html') ||
      (this.names.length !== 1 && name === 'head') ||
      (name === 'body' && this.names.includes('body'));
    if (discard) this.depth += 1;
    const attributes = this.parseAttributes();
    if (this.pos >= this.input.length) discard = true;
    if (!discard) {
      this.push(name);
      this.startElement(name, attributes);
    }
    // libxml2 continues with whatever element is now current, even when this tag was discarded.
    const current = this.name;
    if (current === null) return;
    if (this.cur === '/' && this.nxt(1) === '>') {
      this.pos += 2;
      this.popElement();
      return;
    }
    if (this.cur !== '>') return;
    this.pos += 1;
    if (EMPTY.has(current)) {
      this.popElement();
      return;
    }
    this.endCheckState = DATA_MODE[current] ?? 0;
  }

  /** htmlParseEndTag */
  private parseEndTag(): void {
    this.endCheckState = 0;
    this.pos += 2;
    if (this.pos >= this.input.length) {
      this.startCharData();
      this.characters('</');
      return;
    }
    if (this.cur === '>') {
      this.pos += 1;
      return;
    }
    if (!isLetter(this.cur)) {
      this.parseComment(true);
      return;
    }
    const name = this.parseName(false);
    this.parseAttributes();
    if (this.cur === '>') this.pos += 1;
    else if (this.cur === '/' && this.nxt(1) === '>') this.pos += 2;
    else return;
    if (this.depth > 0 && (name === 'html' || name === 'body' || name === 'head')) {
      this.depth -= 1;
      return;
    }
    if (!this.names.includes(name)) return;
    this.autoCloseOnClose(name);
    if (this.name === name) this.popElement();
  }

  /** htmlCharDataSAXCallback */
  private deliver(text: string, mode: number): void {
    if (text === '') return;
    if (mode === 0 || mode === DATA_RCDATA) {
      if (this.name === null || this.name === 'html' || this.name === 'head') {
        let i = 0;
        while (i < text.length && isWs(text[i])) i += 1;
        if (i > 0) this.characters(text.slice(0, i));
        text = text.slice(i);
        if (text === '') return;
        this.startCharData();
      }
    }
    // CDATA blocks of raw-text elements are text to XPath's string() and to lxml's .text/.tail.
    this.characters(text);
  }

  /** Whether `<` at `pos` ends the raw text of the current element (htmlParseCharData's end-tag check). */
  private rawTextEnd(mode: number): { end: boolean; mode: number } {
    const input = this.input;
    let j = this.pos + 1;
    if (mode === DATA_SCRIPT && input[j] === '!') {
      if (input[j + 1] === '-' && input[j + 2] === '-') return { end: false, mode: DATA_SCRIPT_ESC1 };
      return { end: false, mode };
    }
    let solidus = false;
    if (input[j] === '/') {
      j += 1;
      solidus = true;
    }
    if (!solidus && mode !== DATA_SCRIPT_ESC1) return { end: false, mode };
    const name = this.name ?? '';
    let i = 0;
    while (j < input.length && i < name.length && name.charCodeAt(i) === (input.charCodeAt(j) | 0x20)) {
      i += 1;
      j += 1;
    }
    if (i < name.length || j >= input.length) return { end: false, mode };
    const c = input[j];
    if (c !== '>' && c !== '/' && !isWs(c)) return { end: false, mode };
    if (mode === DATA_SCRIPT_ESC1 && !solidus) return { end: false, mode: DATA_SCRIPT_ESC2 };
    if (mode === DATA_SCRIPT_ESC2) return { end: false, mode: DATA_SCRIPT_ESC1 };
    return { end: true, mode };
  }

  /** htmlParseCharData: text is delivered in pieces split at every replaced character, as libxml2 does. */
  private parseCharData(): void {
    let mode = this.endCheckState;
    let chunk = '';
    let complete = false;
    while (this.pos < this.input.length) {
      const c = this.cur;
      if (c === '<') {
        if (mode === 0) {
          complete = true;
          break;
        }
        if (mode !== DATA_PLAINTEXT) {
          const check = this.rawTextEnd(mode);
          mode = check.mode;
          if (check.end) {
            complete = true;
            break;
          }
        }
      } else if (c === '-' && (mode === DATA_SCRIPT_ESC1 || mode === DATA_SCRIPT_ESC2)) {
        if (this.nxt(1) === '-' && this.nxt(2) === '>') mode = DATA_SCRIPT;
      }
      const repl = c === '&' && mode !== 0 && mode !== DATA_RCDATA ? null : this.special(true, false);
      if (repl) {
        this.deliver(chunk, mode);
        chunk = '';
        this.pos += repl[0];
        this.deliver(repl[1], mode);
      } else {
        chunk += c;
        this.pos += 1;
      }
    }
    this.deliver(chunk, mode);
    this.endCheckState = complete ? 0 : mode;
  }

  /** htmlParseContent */
  private parseContent(): void {
    while (this.pos < this.input.length) {
      if (this.endCheckState === 0 && this.cur === '<') {
        const next = this.nxt(1);
        if (next === '/') this.parseEndTag();
        else if (next === '!') {
          if (this.input.slice(this.pos + 2, this.pos + 9).toUpperCase() === 'DOCTYPE') this.skipDoctype();
          else if (this.nxt(2) === '-' && this.nxt(3) === '-') {
            this.pos += 4;
            this.parseComment(false);
          } else {
            this.pos += 2;
            this.parseComment(true);
          }
        } else if (next === '?') {
          this.pos += 1;
          this.parseComment(true);
        } else if (isLetter(next)) this.parseElement();
        else {
          this.startCharData();
          this.characters('<');
          this.pos += 1;
        }
      } else this.parseCharData();
    }
    while (this.names.length > 0) this.popElement();
  }

  /** htmlParseDocument: leading blanks, comments and a doctype go before the content. */
  parseDocument(): HtmlDocument {
    // lxml hands a str over as UTF-16 or UCS-4 with the encoding named; the decoder drops one leading byte-order mark.
    if (this.input.startsWith('\uFEFF')) this.pos = 1;
    this.skipBlanks();
    const prolog = () => {
      while (this.cur === '<') {
        if (this.nxt(1) === '!' && this.nxt(2) === '-' && this.nxt(3) === '-') {
          this.pos += 4;
          this.parseComment(false);
        } else if (this.nxt(1) === '?') {
          this.pos += 1;
          this.parseComment(true);
        } else break;
        this.skipBlanks();
      }
    };
    prolog();
    if (this.cur === '<' && this.nxt(1) === '!' && this.input.slice(this.pos + 2, this.pos + 9).toUpperCase() === 'DOCTYPE') {
      this.skipDoctype();
    }
    this.skipBlanks();
    prolog();
    this.parseContent();
    return this.doc;
  }
}

/** The document libxml2 builds for `html` (lxml's `etree.fromstring(html, HTMLParser())` before `getroot()`). */
export function parseHtmlDocument(html: string): HtmlDocument {
  return new HtmlParser(html).parseDocument();
}
