/**
 * openbench `graphwalks_scorer` (`scorers/graphwalks.py`): the node list on the answer's last line
 * (`Final Answer: [a, b]`) against the gold nodes, scored by set F1, with the sample's token-count bin.
 */
import type { Score, Scorer } from '../types';
import { getTokenCount } from '../tasks/shared/token-count.util';
import { pyStrip } from './python-text.util';

/** `GRAPHWALKS_BINS` (`metrics/graphwalks.py`): token-count bins of the prompt plus the answer. */
export const GRAPHWALKS_BINS: readonly (readonly [number, number])[] = [
  [0, 512], [512, 1024], [1024, 2048], [2048, 4096], [4096, 8192], [8192, 16384], [16384, 32768], [32768, 65536],
];

/** `_parse_nodes`: the bracketed list after `final answer:` on the last line, deduplicated in order; else a parse error. */
export function parseNodes(response: string): { nodes: string[]; parseError: boolean } {
  const lastLine = response.split('\n').at(-1) as string;
  if (!lastLine.toLowerCase().includes('final answer:')) return { nodes: [], parseError: true };
  const list = /final answer:\s*\[(.*)\]\s*$/i.exec(lastLine);
  if (!list) return { nodes: [], parseError: true };
  const items = list[1].split(',').map(pyStrip).filter((item) => item !== '');
  return { nodes: [...new Set(items)], parseError: false };
}

/** `_prf1`: precision, recall and F1 of the node sets; two empty sets are a perfect match. */
export function prf1(pred: readonly string[], gold: readonly string[]): [number, number, number] {
  const sp = new Set(pred);
  const sg = new Set(gold);
  if (sp.size === 0 && sg.size === 0) return [1.0, 1.0, 1.0];
  const overlap = [...sp].filter((node) => sg.has(node)).length;
  const r = sg.size > 0 ? overlap / sg.size : 0.0;
  const p = sp.size > 0 ? overlap / sp.size : 0.0;
  return [p, r, r + p > 0 ? (2 * r * p) / (r + p) : 0.0];
}

/** Python `str(list)` of strings: `['a', 'b']` (the strings here never hold quotes to escape in practice). */
const pyListRepr = (items: readonly string[]) => `[${items.map((item) => `'${item.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`).join(', ')}]`;

export function createGraphwalksScorer(): Scorer {
  return {
    name: 'graphwalks_scorer',
    async score({ sample, completion }): Promise<Score> {
      const { nodes, parseError } = parseNodes(completion);
      const gold = Array.isArray(sample.target) ? sample.target : [sample.target];
      const [p, r, f1] = prf1(nodes, gold);
      const inputTokens = Number(sample.metadata?.raw_input_tok_cnt ?? 0);
      const total = inputTokens + getTokenCount(completion);
      // `bisect.bisect_right` over the bins' right edges but the last.
      const binIndex = GRAPHWALKS_BINS.slice(0, -1).filter(([, right]) => right <= total).length;
      return {
        value: f1,
        answer: pyListRepr(nodes),
        metadata: {
          precision: p,
          recall: r,
          f1,
          parsed_ok: !parseError,
          pred: nodes,
          gold,
          raw_input_tok_cnt: inputTokens,
          total_tok_cnt: total,
          bin_index: binIndex,
        },
      };
    },
  };
}
