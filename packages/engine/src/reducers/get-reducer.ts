/** Reducers by the names Inspect and openbench log and accept (`--epochs-reducer`, `Epochs(reducer=...)`). */
import type { Reducer } from '../types';
import { atLeastReducer, modeReducer } from './count.reducer';
import { maxReducer } from './max.reducer';
import { meanReducer, medianReducer, passAtReducer, passHatReducer } from './statistic.reducer';

const PLAIN: Record<string, () => Reducer> = {
  mean: meanReducer,
  median: medianReducer,
  mode: modeReducer,
  max: maxReducer,
};

const WITH_K: Record<string, (k: number) => Reducer> = {
  pass_at: passAtReducer,
  at_least: atLeastReducer,
  pass_hat: passHatReducer,
};

/**
 * `mean`, `median`, `mode`, `max`, or `pass_at_<k>`, `at_least_<k>`, `pass_hat_<k>`. As in
 * Inspect's `create_reducers`, a trailing `_<digits>` is the `k` parameter.
 */
export function getReducer(name: string): Reducer {
  const plain = Object.hasOwn(PLAIN, name) ? PLAIN[name] : undefined;
  if (plain) return plain();
  const match = /^(.*?)_(\d+)$/.exec(name);
  const withK = match && Object.hasOwn(WITH_K, match[1]) ? WITH_K[match[1]] : undefined;
  if (match && withK) return withK(Number(match[2]));
  const known = [...Object.keys(PLAIN), ...Object.keys(WITH_K).map((base) => `${base}_<k>`)].join(', ');
  throw new Error(`unknown epoch reducer '${name}' (known: ${known})`);
}

/**
 * Reducer names as openbench's `--epochs-reducer` takes them: comma lists flattened, `pass_hat_k` expanded to
 * `pass_hat_1 … pass_hat_k`; throws naming the first unknown one.
 */
export function expandEpochReducers(values: readonly string[]): string[] {
  const names = values.flatMap((value) => value.split(',')).map((name) => name.trim()).filter(Boolean);
  const expanded = names.flatMap((name) => {
    const k = /^pass_hat_(\d+)$/.exec(name)?.[1];
    return k === undefined ? [name] : Array.from({ length: Number(k) }, (_, i) => `pass_hat_${i + 1}`);
  });
  for (const name of expanded) getReducer(name);
  if (expanded.length === 0) throw new Error('no epoch reducer named');
  return expanded;
}
