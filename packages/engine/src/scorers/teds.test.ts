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
  trees: Array<{ html: string; tree: TreeJson | null }>;
  /** `pred` and `gt` index `trees`. */
  pairs: Array<{ pred: number; gt: number; teds: number; tedsStructure: number }>;
};

const asJson = (tree: TableTree | null): TreeJson | null =>
  tree && {
    tag: tree.tag,
    colspan: String(tree.colspan),
    rowspan: String(tree.rowspan),
    content: tree.content,
    children: tree.children.map((child) => asJson(child) as TreeJson),
  };

const blankContents = (tree: TreeJson): TreeJson => ({
  ...tree,
  content: '',
  children: tree.children.map(blankContents),
});

describe('TEDS (ocrbenchv2, lxml.html.fromstring on libxml2 2.14.6)', () => {
  it.each(vectors.trees.map((v) => [JSON.stringify(v.html).slice(0, 60), v] as const))(
    'reads the table of %s as lxml does',
    (_label, v) => {
      expect(asJson(htmlToTableTree(v.html))).toEqual(v.tree);
      // Structure-only reading keeps the same tree with every content "" (the generator asserts that upstream too).
      expect(asJson(htmlToTableTree(v.html, true))).toEqual(v.tree && blankContents(v.tree));
    },
  );

  it(`scores all ${vectors.pairs.length} reference pairs exactly as openbench + APTED do`, () => {
    const mismatches = vectors.pairs
      .map(({ pred, gt, teds, tedsStructure }) => {
        const [p, g] = [vectors.trees[pred].html, vectors.trees[gt].html];
        return { pred, gt, teds, tedsStructure, got: calculateTeds(p, g), gotStructure: calculateTeds(p, g, true) };
      })
      .filter((r) => r.got !== r.teds || r.gotStructure !== r.tedsStructure);
    expect(mismatches).toEqual([]);
  });

  it('gives 0 for a lone <table>: fromstring returns the table itself and .//table finds no descendant', () => {
    const table = '<table><tr><td>a</td></tr></table>';
    expect(calculateTeds(table, table)).toBe(0);
    expect(calculateTeds(`<html>${table}</html>`, `<html>${table}</html>`)).toBe(1);
  });
});
