/**
 * The group summary against openbench's own `display_group_summary`. The expected figures and texts were produced
 * independently of this port: the statistics with numpy 2.4 (`np.mean`, `np.median`, `np.std(ddof=1)`), the texts
 * by executing openbench's function (v0.5.3, src/openbench/_cli/eval_command.py) with the same logs as
 * SimpleNamespace objects and `typer.echo` collecting its lines.
 */
import { formatGroupSummary, groupSummary, pythonFixed, taskMatchesBenchmark, type GroupSummaryLog } from './group-summary';

const log = (task: string, scores: Record<string, number>[] | null, completed = 10): GroupSummaryLog => ({
  task,
  results: scores && {
    completed_samples: completed,
    scores: scores.map((metrics) => ({ metrics: Object.fromEntries(Object.entries(metrics).map(([k, value]) => [k, { value }])) })),
  },
});

/** One member per value, each reporting it as accuracy. */
function statsOf(values: number[]) {
  const members = values.map((_, i) => `m${i}`);
  return groupSummary('G', members, members.map((m, i) => log(m, [{ accuracy: values[i] }]))!)!.stats;
}

test.each([
  ['three', [1, 0.5, 0.75], [0.75, 0.75, 0.25, 0.14433756729740646, 0.4670983680970833, 1.0]],
  ['four', [1, 0.5, 0.5, 0.75], [0.6875, 0.625, 0.23935677693908453, 0.11967838846954226, 0.45293035859969716, 0.9220696414003029]],
  // numpy sums pairwise: here its mean differs from a plain left-to-right sum in the last bit (…616 vs …6156).
  ['thirteen', Array.from({ length: 13 }, (_, i) => ((i * 7) % 13) / 13), [0.4615384615384616, 0.46153846153846156, 0.29957234475763905, 0.08308641921035718, 0.29868907988616156, 0.6243878431907617]],
  ['forty-two', Array.from({ length: 42 }, (_, i) => ((i * 17) % 42) / 41), [0.5, 0.5, 0.29921571088744625, 0.04616998655122173, 0.4095068263596054, 0.5904931736403946]],
  ['150 (two pairwise blocks)', Array.from({ length: 150 }, (_, i) => ((i * 37) % 150) / 149), [0.5, 0.5, 0.29157965095608673, 0.02380737880737446, 0.4533375375375461, 0.546662462462454]],
])('the statistics of %s members are numpy’s, to the last bit', (_name, values, [mean, median, std, stderr, lower, upper]) => {
  expect(statsOf(values)).toEqual({ mean, median, std, stderr, ci_lower: lower, ci_upper: upper });
});

test('which logs belong to the group, which metric each gives, and what failed or metric-less members count for', () => {
  const logs = [
    log('openbench/mgsm_en', [{ accuracy: 1, stderr: 0 }], 1000),
    // The first score with one of the three metrics wins, whatever the metric's rank in the second score.
    log('mgsm_de', [{ overall: 0.2 }, { accuracy: 0.9 }], 250),
    log('mgsm_es', [{ std: 0.1 }, { group_score: 0.5 }], 2000),
    // A member that ended without results, and one without any of the three metrics: counted, not averaged.
    log('mgsm_fr', null),
    log('mgsm_sw', [{ f1: 0.3 }], 7),
    // Not a member.
    log('gsm8k', [{ accuracy: 0 }], 5),
    // A `<member>_…` variant counts as the member.
    log('mgsm_latin_extra', [{ accuracy: 0.12125 }], 3),
  ];
  const summary = groupSummary('MGSM', ['mgsm_en', 'mgsm_de', 'mgsm_es', 'mgsm_fr', 'mgsm_sw', 'mgsm_latin'], logs)!;
  expect(summary).toMatchObject({ group: 'MGSM', benchmarks: 6, samples: 3253, scored: 4, note: null });
  expect(summary.stats!.mean).toBe(0.4553125);
  expect(summary.stats!.median).toBe(0.35);
  expect(formatGroupSummary(summary)).toBe(
    '\n============================================================\n\ud83d\udcca GROUP SUMMARY - MGSM\n============================================================\nTotal benchmarks:    6\nTotal samples:       3,253\nMean accuracy:       45.53%\nMedian accuracy:     35.00%\n95% CI:              [6.52%, 84.55%]\nStd deviation:       0.3981\nStd error:           0.1991\n============================================================\n\n',
  );
});

test('one member: no spread; the tie 12.125% prints as Python rounds it (to even)', () => {
  const summary = groupSummary('One', ['a'], [log('a', [{ accuracy: 0.12125 }], 1234567)])!;
  expect(summary.stats).toEqual({ mean: 0.12125, median: 0.12125, std: 0, stderr: 0, ci_lower: 0.12125, ci_upper: 0.12125 });
  expect(formatGroupSummary(summary)).toBe(
    '\n============================================================\n\ud83d\udcca GROUP SUMMARY - One\n============================================================\nTotal benchmarks:    1\nTotal samples:       1,234,567\nMean accuracy:       12.12%\nMedian accuracy:     12.12%\n95% CI:              [12.12%, 12.12%]\nStd deviation:       0.0000\nStd error:           0.0000\n============================================================\n\n',
  );
});

test('a member whose accuracy is NaN (nothing scored) makes the figures nan, the interval [0, 1], as in Python', () => {
  const summary = groupSummary('N', ['a', 'b'], [log('a', [{ accuracy: Number.NaN }], 0), log('b', [{ accuracy: 0.5 }], 2)])!;
  expect(formatGroupSummary(summary)).toBe(
    '\n============================================================\n\ud83d\udcca GROUP SUMMARY - N\n============================================================\nTotal benchmarks:    2\nTotal samples:       2\nMean accuracy:       nan%\nMedian accuracy:     nan%\n95% CI:              [0.00%, 100.00%]\nStd deviation:       nan\nStd error:           nan\n============================================================\n\n',
  );
});

test('members without those metrics give the note; no member log gives nothing', () => {
  const noted = groupSummary('X', ['a'], [log('a', [{ f1: 0.3 }], 7)])!;
  expect(noted).toEqual({ group: 'X', benchmarks: 1, samples: 0, scored: 0, stats: null, note: expect.any(String) });
  expect(formatGroupSummary(noted)).toBe(
    "\n\u26a0\ufe0f  Note: Group evaluation completed but aggregate summary unavailable. This may occur if benchmarks don't report accuracy metrics.\n",
  );
  // Every member failed: no results at all, so not even the note.
  expect(groupSummary('X', ['a'], [log('a', null)])).toMatchObject({ benchmarks: 1, stats: null, note: null });
  expect(groupSummary('X', ['a'], [log('b', [{ accuracy: 0.3 }])])).toBeNull();
});

test('task names match a member exactly, with a namespace, or as a `<member>_` variant only', () => {
  expect(taskMatchesBenchmark('openbench/smt_algebra', 'smt_algebra')).toBe(true);
  expect(taskMatchesBenchmark('chartqapro_direct', 'chartqapro')).toBe(true);
  expect(taskMatchesBenchmark('mmlu_pro', 'mmlu')).toBe(true);
  expect(taskMatchesBenchmark('mmlupro', 'mmlu')).toBe(false);
  expect(taskMatchesBenchmark('mmlu-pro', 'mmlu')).toBe(false);
});

test('fixed-point text rounds as Python’s format does', () => {
  // format(x, '.2f') / '.0f' in Python 3: exact ties go to even, everything else to the nearer value.
  expect([pythonFixed(12.125, 2), pythonFixed(0.5, 0), pythonFixed(1.5, 0), pythonFixed(2.675, 2), pythonFixed(0.3981, 4)]).toEqual(['12.12', '0', '2', '2.67', '0.3981']);
});
