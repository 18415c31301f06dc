/**
 * Ordered tree edit distance (Zhang & Shasha 1989) with unit insert/delete and a caller-given rename cost. It finds
 * the same minimum as APTED, which openbench's TEDS calls; only the order in which float costs are added may differ.
 */
export interface OrderedTree<T> {
  children: readonly T[];
}

interface Postorder<T> {
  nodes: T[];
  /** Postorder index of each node's leftmost leaf. */
  leftmost: number[];
  keyroots: number[];
}

function postorder<T extends OrderedTree<T>>(root: T): Postorder<T> {
  const nodes: T[] = [];
  const leftmost: number[] = [];
  const visit = (node: T): number => {
    let first = -1;
    for (const child of node.children) {
      const childLeft = visit(child);
      if (first < 0) first = childLeft;
    }
    nodes.push(node);
    const index = nodes.length - 1;
    leftmost.push(first < 0 ? index : first);
    return leftmost[index];
  };
  visit(root);
  // Keyroots: the root and every node with a left sibling, i.e. the highest node of each leftmost-leaf value.
  const highest = new Map<number, number>();
  leftmost.forEach((left, index) => highest.set(left, index));
  const keyroots = [...highest.values()].sort((a, b) => a - b);
  return { nodes, leftmost, keyroots };
}

export function treeEditDistance<T extends OrderedTree<T>>(a: T, b: T, rename: (x: T, y: T) => number): number {
  const t1 = postorder(a);
  const t2 = postorder(b);
  const n = t1.nodes.length;
  const m = t2.nodes.length;
  const treeDist = Array.from({ length: n }, () => new Float64Array(m));
  // Forest distances with a one-row/column offset: index 0 stands for the empty forest.
  const forest = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  // Each node pair is renamed in many keyroot sub-problems; TEDS's rename is a Levenshtein distance, so it is cached.
  const renameCache = Array.from({ length: n }, () => new Float64Array(m).fill(NaN));
  const renameCost = (x: number, y: number) => {
    let cost = renameCache[x][y];
    if (Number.isNaN(cost)) {
      cost = rename(t1.nodes[x], t2.nodes[y]);
      renameCache[x][y] = cost;
    }
    return cost;
  };
  for (const i of t1.keyroots) {
    for (const j of t2.keyroots) {
      const li = t1.leftmost[i];
      const lj = t2.leftmost[j];
      forest[li][lj] = 0;
      for (let x = li; x <= i; x += 1) forest[x + 1][lj] = forest[x][lj] + 1;
      for (let y = lj; y <= j; y += 1) forest[li][y + 1] = forest[li][y] + 1;
      for (let x = li; x <= i; x += 1) {
        for (let y = lj; y <= j; y += 1) {
          const del = forest[x][y + 1] + 1;
          const ins = forest[x + 1][y] + 1;
          if (t1.leftmost[x] === li && t2.leftmost[y] === lj) {
            const value = Math.min(del, ins, forest[x][y] + renameCost(x, y));
            forest[x + 1][y + 1] = value;
            treeDist[x][y] = value;
          } else {
            forest[x + 1][y + 1] = Math.min(del, ins, forest[t1.leftmost[x]][t2.leftmost[y]] + treeDist[x][y]);
          }
        }
      }
    }
  }
  return treeDist[n - 1][m - 1];
}
