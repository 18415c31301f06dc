/**
 * ocrbenchv2's TEDS (openbench scorers/ocrbenchv2.py `html_to_table_tree` + `calculate_teds`): the model's HTML and
 * the reference are read as `lxml.html.fromstring` does (libxml2's forgiving parser, then lxml's fragment
 * unwrapping), the first `.//table` below the element fromstring returns becomes table → tr → td/th, and
 * TEDS = max(0, 1 − tree edit distance / reference node count). A quirk kept on purpose: when the input is a lone
 * `<table>` element, fromstring returns that table and `.//table` (descendants only) finds nothing, so the score is 0.
 */
import { levenshteinDistance } from './chartqapro.scorer';
import { parseHtmlDocument, type HtmlElement, type HtmlNode } from './html/html-parser';
import { parsePythonInt } from './python-float.util';
import { PY_SPACE, pyStrip } from './python-text.util';
import { treeEditDistance } from './tree-edit-distance.util';

export interface TableTree {
  tag: string;
  colspan: bigint;
  rowspan: bigint;
  content: string;
  children: TableTree[];
}

/** lxml.html's `_looks_like_full_html_unicode` (Python's `\s` is Unicode whitespace). */
const FULL_HTML = new RegExp(`^(?:${PY_SPACE})*<(?:html|!doctype)`, 'iu');

const elementChildren = (element: HtmlElement, name: string) =>
  element.children.filter((child): child is HtmlElement => child.kind === 'element' && child.name === name);

/** lxml's `.text`: the text before the first non-text child. */
function leadingText(element: HtmlElement): string {
  let text = '';
  for (const child of element.children) {
    if (child.kind !== 'text') break;
    text += child.value;
  }
  return text;
}

/** lxml's `el[-1].tail`: the text after the last non-text child. */
function trailingText(element: HtmlElement): string {
  let text = '';
  for (let i = element.children.length - 1; i >= 0; i -= 1) {
    const child = element.children[i];
    if (child.kind !== 'text') break;
    text = child.value + text;
  }
  return text;
}

/**
 * `lxml.html.fromstring(html)` for a str: the node it returns, or null where it raises (no root element, "Document is
 * empty"). A comment can come back when it is the body's only child.
 */
export function lxmlFromString(html: string): HtmlNode | null {
  const doc = parseHtmlDocument(html);
  const root = doc.children.find((node): node is HtmlElement => node.kind === 'element');
  if (!root) return null;
  if (FULL_HTML.test(html)) return root;
  const [body, ...otherBodies] = elementChildren(root, 'body');
  // `body.extend(other_body)` after moving other_body.text: every child of the later bodies ends up in the first.
  for (const other of otherBodies) {
    body.children.push(...other.children);
    root.children.splice(root.children.indexOf(other), 1);
  }
  const [head, ...otherHeads] = elementChildren(root, 'head');
  if (head) {
    // `head.extend(other_head)` moves the elements (with their tails); `drop_tree` loses other_head.text.
    for (const other of otherHeads) {
      head.children.push(...other.children.slice(other.children.findIndex((child) => child.kind !== 'text')));
      root.children.splice(root.children.indexOf(other), 1);
    }
    return root;
  }
  if (!body) return root;
  const nonText = body.children.filter((child) => child.kind !== 'text');
  if (nonText.length === 1 && pyStrip(leadingText(body)) === '' && pyStrip(trailingText(body)) === '') return nonText[0];
  return body;
}

/** XPath `.//name1 | .//name2` from `node`: descendants in document order. */
function descendants(node: HtmlNode, names: ReadonlySet<string>): HtmlElement[] {
  const found: HtmlElement[] = [];
  const walk = (current: HtmlNode) => {
    if (current.kind !== 'element') return;
    for (const child of current.children) {
      if (child.kind === 'element' && names.has(child.name)) found.push(child);
      walk(child);
    }
  };
  walk(node);
  return found;
}

/** lxml's `text_content()`: XPath string(), every descendant text node (comments excluded). */
function textContent(node: HtmlNode): string {
  if (node.kind === 'text') return node.value;
  if (node.kind === 'comment') return '';
  return node.children.map(textContent).join('');
}

/** Python `int(cell.get(name, 1))`, or null where it raises (a valueless attribute, text that is not an int). */
function spanAttribute(cell: HtmlElement, name: string): bigint | null {
  if (!cell.attributes.has(name)) return 1n;
  const value = cell.attributes.get(name);
  return value === null || value === undefined ? null : parsePythonInt(value);
}

const TABLE = new Set(['table']);
const ROW = new Set(['tr']);
const CELL = new Set(['td', 'th']);

/** ocrbenchv2's `html_to_table_tree`: null where it finds no table or its try block raises. */
export function htmlToTableTree(html: string, structureOnly = false): TableTree | null {
  const doc = lxmlFromString(html);
  if (!doc) return null;
  const [table] = descendants(doc, TABLE);
  if (!table) return null;
  const root: TableTree = { tag: 'table', colspan: 1n, rowspan: 1n, content: '', children: [] };
  for (const row of descendants(table, ROW)) {
    const tr: TableTree = { tag: 'tr', colspan: 1n, rowspan: 1n, content: '', children: [] };
    for (const cell of descendants(row, CELL)) {
      const colspan = spanAttribute(cell, 'colspan');
      const rowspan = spanAttribute(cell, 'rowspan');
      if (colspan === null || rowspan === null) return null;
      const content = structureOnly ? '' : pyStrip(textContent(cell));
      tr.children.push({ tag: cell.name, colspan, rowspan, content, children: [] });
    }
    root.children.push(tr);
  }
  return root;
}

/** ocrbenchv2's `TEDSConfig.rename`: 1 for another tag or span, else the normalised content edit distance. */
function renameCost(a: TableTree, b: TableTree, structureOnly: boolean): number {
  if (a.tag !== b.tag) return 1;
  if (a.colspan !== b.colspan || a.rowspan !== b.rowspan) return 1;
  if (!structureOnly && a.content !== b.content) {
    const maxLen = Math.max([...a.content].length, [...b.content].length);
    return maxLen === 0 ? 0 : levenshteinDistance(a.content, b.content) / maxLen;
  }
  return 0;
}

function countNodes(tree: TableTree): number {
  return 1 + tree.children.reduce((sum, child) => sum + countNodes(child), 0);
}

/** ocrbenchv2's `calculate_teds(pred_html, gt_html, structure_only)`, in [0, 1]. */
export function calculateTeds(predHtml: string, gtHtml: string, structureOnly = false): number {
  const pred = htmlToTableTree(predHtml, structureOnly);
  const gt = htmlToTableTree(gtHtml, structureOnly);
  if (!pred || !gt) return 0;
  const distance = treeEditDistance(pred, gt, (a, b) => renameCost(a, b, structureOnly));
  return Math.max(0, 1 - distance / countNodes(gt));
}
