import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateTeds, htmlToTableTree, type TableTree } from './teds';

/** Produced by test/fixtures/teds/generate-teds-vectors.py: openbench's TEDS code on lxml + libxml2 2.14.6 + APTED. */
interface TreeJson {
  tag: string;
  colspan: string;
  rowspan: string;
  content: string;
  children: TreeJson[];
}
const vectors = JSON.parse(
  readFileSync(join(__dirname, '../../test/fixtures/teds/teds-vectors.json'), 'utf8'),
) as {
  trees: Array<{ html: string; tree: TreeJson | null; structure: TreeJson | null }>;
  pairs: Array<{ pred: string; gt: string; teds: number; tedsStructure: number }>;
};

const asJson = (tree: TableTree | null): TreeJson | null =>
  tree && {
    tag: tree.tag,
    colspan: String(tree.colspan),
    rowspan: String(tree.rowspan),
    content: tree.content,
    children: tree.children.map((child) => asJson(child) as TreeJson),
  };

describe('TEDS (ocrbenchv2, lxml.html.fromstring on libxml2 2.14.6)', () => {
  it.each(vectors.trees.map((v) => [JSON.stringify(v.html).slice(0, 60), v] as const))(
    'reads the table of %s as lxml does',
    (_label, v) => {
      expect(asJson(htmlToTableTree(v.html))).toEqual(v.tree);
      expect(asJson(htmlToTableTree(v.html, true))).toEqual(v.structure);
    },
  );

  it(`scores all ${vectors.pairs.length} reference pairs as openbench + APTED do`, () => {
    const mismatches = vectors.pairs.filter(
      (p) =>
        Math.abs(calculateTeds(p.pred, p.gt) - p.teds) > 1e-12 ||
        Math.abs(calculateTeds(p.pred, p.gt, true) - p.tedsStructure) > 1e-12,
    );
    expect(mismatches).toEqual([]);
  });

  it('gives 0 for a lone <table>: fromstring returns the table itself and .//table finds no descendant', () => {
    const table = '<table><tr><td>a</td></tr></table>';
    expect(calculateTeds(table, table)).toBe(0);
    expect(calculateTeds(`<html>${table}</html>`, `<html>${table}</html>`)).toBe(1);
  });
});
