import * as Tabs from '@radix-ui/react-tabs';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useCompare, useRuns, useSamplesByIds } from '../api/queries';
import type { ComparePair, CompareResponse, CompareRun, RunSample } from '../api/types';
import { GroupedBarChart, SERIES_COLORS } from '../components/charts';
import { VerdictBadge } from '../components/SampleView';
import { Card, DateText, EmptyState, ErrorBox, LoadingBlock, MetricValue, PageHeader, StatusBadge } from '../components/ui';
import { formatP, groupSeries, metricRows, pairsToCsv, pairVerdict, parseIds } from '../lib/compare';
import { downloadText, exportFilename } from '../lib/export';
import { formatCount, formatInterval, formatNumber, metricLabel } from '../lib/format';

export function ComparePage() {
  const search = useSearch({ from: '/_app/compare' });
  const ids = useMemo(() => parseIds(search.ids), [search.ids]);
  const cmp = useCompare(ids);

  if (ids.length < 2) return <RunPicker initial={ids} />;
  return (
    <>
      <PageHeader
        title="Compare runs"
        subtitle={cmp.data ? `${cmp.data.runs.length} runs, aligned by sample id and epoch; ${formatCount(cmp.data.shared_samples)} samples scored by all of them` : 'Aligned sample by sample'}
        actions={
          cmp.data && (
            <>
              <Link to="/compare" search={{}} className="btn">
                Change runs
              </Link>
              <button type="button" className="btn" onClick={() => downloadText(exportFilename('comparison', 'csv'), pairsToCsv(cmp.data), 'text/csv')}>
                Export CSV
              </button>
              <button type="button" className="btn" onClick={() => downloadText(exportFilename('comparison', 'json'), `${JSON.stringify(cmp.data, null, 2)}\n`, 'application/json')}>
                Export JSON
              </button>
            </>
          )
        }
      />
      {cmp.isPending ? (
        <LoadingBlock label="Comparing the runs" lines={8} className="card p-4" />
      ) : cmp.isError ? (
        <ErrorBox error={cmp.error} title="Could not compare these runs" onRetry={() => void cmp.refetch()} />
      ) : (
        <Comparison cmp={cmp.data} />
      )}
    </>
  );
}

const runName = (r: CompareRun) => r.model;

function Swatch({ index }: { index: number }) {
  return <span aria-hidden="true" className="inline-block h-2.5 w-2.5 shrink-0 rounded-sm" style={{ background: SERIES_COLORS[index % SERIES_COLORS.length] }} />;
}

function Comparison({ cmp }: { cmp: CompareResponse }) {
  const rows = metricRows(cmp);
  const series = groupSeries(cmp);
  const names = cmp.runs.map(runName);
  return (
    <div className="space-y-5">
      {cmp.warnings.length > 0 && (
        <div role="note" className="rounded-md border border-warn/50 bg-warn-soft px-4 py-3 text-sm">
          <div className="font-semibold text-warn">Read these numbers with care</div>
          <ul className="mt-1 list-disc pl-5">
            {cmp.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <Card title="Runs and metrics" className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Metrics of each run, with stderr and 95% interval</caption>
          <thead className="text-left text-xs text-muted">
            <tr>
              <th scope="col" className="py-1.5 pr-4">Metric</th>
              {cmp.runs.map((r, i) => (
                <th key={r.run_id} scope="col" className="py-1.5 pr-4 align-bottom">
                  <div className="flex items-center gap-1.5">
                    <Swatch index={i} />
                    <Link to="/runs/$runId" params={{ runId: r.run_id }} className="link font-mono text-xs">
                      {r.model}
                    </Link>
                  </div>
                  <div className="mt-0.5 font-normal">
                    {r.benchmark} · <DateText iso={r.created_at} />
                  </div>
                  <div className="mt-1">
                    <StatusBadge status={r.status} />
                  </div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.name} className="border-t border-border">
                <th scope="row" className="py-2 pr-4 text-left font-medium">
                  {metricLabel(row.name)}
                </th>
                {row.cells.map((c, i) => (
                  <td key={i} className={`py-2 pr-4 ${row.best === i ? 'font-semibold' : ''}`}>
                    {c ? <MetricValue value={c.value} stderr={c.stderr} lower={c.ci_lower} upper={c.ci_upper} /> : <span className="text-muted">—</span>}
                    {row.best === i && <span className="sr-only"> (best)</span>}
                  </td>
                ))}
              </tr>
            ))}
            <tr className="border-t border-border">
              <th scope="row" className="py-2 pr-4 text-left font-medium">
                Scored samples
              </th>
              {cmp.runs.map((r) => (
                <td key={r.run_id} className="tabular py-2 pr-4">
                  {formatCount(r.scored_samples)}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </Card>

      {cmp.pairs.length > 0 && <Pairs cmp={cmp} names={names} />}

      {series.size > 0 && (
        <Card title="By group">
          <Tabs.Root defaultValue={[...series.keys()][0]}>
            {series.size > 1 && (
              <Tabs.List aria-label="Grouping" className="mb-3 flex gap-1 border-b border-border">
                {[...series.keys()].map((b) => (
                  <Tabs.Trigger key={b} value={b} className="-mb-px border-b-2 border-transparent px-3 py-1.5 text-sm text-muted data-[state=active]:border-accent data-[state=active]:text-fg">
                    {metricLabel(b)}
                  </Tabs.Trigger>
                ))}
              </Tabs.List>
            )}
            {[...series].map(([b, s]) => (
              <Tabs.Content key={b} value={b}>
                <GroupedBarChart groups={s.groups} series={names.map((name, i) => ({ name, values: s.values[i] }))} />
              </Tabs.Content>
            ))}
          </Tabs.Root>
        </Card>
      )}
    </div>
  );
}

function Pairs({ cmp, names }: { cmp: CompareResponse; names: string[] }) {
  const [selected, setSelected] = useState(0);
  const idx = (id: string) => cmp.runs.findIndex((r) => r.run_id === id);
  const pair = cmp.pairs[selected];
  return (
    <section aria-labelledby="cmp-pairs" className="card p-4">
      <h2 id="cmp-pairs" className="mb-1 text-base font-semibold">
        Sample by sample
      </h2>
      <p className="mb-3 text-sm text-muted">
        Over the samples both runs scored. The difference is B − A with a paired bootstrap 95% interval ({formatCount(cmp.bootstrap.resamples)} resamples, seed {cmp.bootstrap.seed}); McNemar's exact test asks whether the flips could be chance.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Paired comparison of each pair of runs</caption>
          <thead className="text-left text-xs text-muted">
            <tr>
              <th scope="col" className="py-1.5 pr-3">A</th>
              <th scope="col" className="py-1.5 pr-3">B</th>
              <th scope="col" className="py-1.5 pr-3 text-right">Shared</th>
              <th scope="col" className="py-1.5 pr-3 text-right">Both right</th>
              <th scope="col" className="py-1.5 pr-3 text-right">Both wrong</th>
              <th scope="col" className="py-1.5 pr-3 text-right">A right, B wrong</th>
              <th scope="col" className="py-1.5 pr-3 text-right">B right, A wrong</th>
              <th scope="col" className="py-1.5 pr-3">Difference (B − A)</th>
              <th scope="col" className="py-1.5 pr-3 text-right">McNemar p</th>
              <th scope="col" className="py-1.5"><span className="sr-only">Flipped samples</span></th>
            </tr>
          </thead>
          <tbody>
            {cmp.pairs.map((p, i) => (
              <tr key={`${p.run_a}-${p.run_b}`} className={`border-t border-border ${i === selected ? 'bg-accent-soft/50' : ''}`}>
                <td className="py-2 pr-3"><span className="inline-flex items-center gap-1.5"><Swatch index={idx(p.run_a)} /><span className="font-mono text-xs">{names[idx(p.run_a)]}</span></span></td>
                <td className="py-2 pr-3"><span className="inline-flex items-center gap-1.5"><Swatch index={idx(p.run_b)} /><span className="font-mono text-xs">{names[idx(p.run_b)]}</span></span></td>
                <td className="tabular py-2 pr-3 text-right">{formatCount(p.shared_samples)}</td>
                <td className="tabular py-2 pr-3 text-right">{formatCount(p.both_correct)}</td>
                <td className="tabular py-2 pr-3 text-right">{formatCount(p.both_incorrect)}</td>
                <td className="tabular py-2 pr-3 text-right">{formatCount(p.a_correct_b_incorrect)}</td>
                <td className="tabular py-2 pr-3 text-right">{formatCount(p.b_correct_a_incorrect)}</td>
                <td className="tabular py-2 pr-3">
                  {p.difference === null ? '—' : `${p.difference >= 0 ? '+' : ''}${formatNumber(p.difference)}`}
                  {formatInterval(p.difference_ci_lower, p.difference_ci_upper) && <span className="ml-1 text-xs text-muted">{formatInterval(p.difference_ci_lower, p.difference_ci_upper)}</span>}
                </td>
                <td className={`tabular py-2 pr-3 text-right ${p.mcnemar_p_value < 0.05 ? 'font-semibold' : ''}`}>{formatP(p.mcnemar_p_value)}</td>
                <td className="py-2 text-right">
                  <button type="button" className="btn btn-sm" aria-pressed={i === selected} onClick={() => setSelected(i)} aria-label={`Flips between ${names[idx(p.run_a)]} and ${names[idx(p.run_b)]}`}>
                    Flips
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pair && <FlippedSamples key={selected} pair={pair} a={cmp.runs[idx(pair.run_a)]} b={cmp.runs[idx(pair.run_b)]} aIndex={idx(pair.run_a)} bIndex={idx(pair.run_b)} />}
    </section>
  );
}

const FLIP_PAGE = 25;

function FlippedSamples({ pair, a, b, aIndex, bIndex }: { pair: ComparePair; a: CompareRun; b: CompareRun; aIndex: number; bIndex: number }) {
  const [dir, setDir] = useState<'to_correct' | 'to_incorrect'>(pair.flipped_to_correct.length || !pair.flipped_to_incorrect.length ? 'to_correct' : 'to_incorrect');
  const [shown, setShown] = useState(FLIP_PAGE);
  const refs = dir === 'to_correct' ? pair.flipped_to_correct : pair.flipped_to_incorrect;
  const visible = refs.slice(0, shown);
  const ids = [...new Set(visible.map((r) => r.id))];
  const samplesA = useSamplesByIds(a.run_id, ids);
  const samplesB = useSamplesByIds(b.run_id, ids);
  const find = (list: RunSample[] | undefined, id: string, epoch: number) => list?.find((s) => String(s.id) === id && s.epoch === epoch);

  return (
    <div className="mt-5 border-t border-border pt-4">
      <p className="mb-3 text-sm">{pairVerdict(pair, a.model, b.model)}</p>
      <Tabs.Root value={dir} onValueChange={(v) => { setDir(v as typeof dir); setShown(FLIP_PAGE); }}>
        <Tabs.List aria-label="Flipped samples" className="mb-3 flex flex-wrap gap-1 border-b border-border">
          <Tabs.Trigger value="to_correct" className="-mb-px border-b-2 border-transparent px-3 py-1.5 text-sm text-muted data-[state=active]:border-accent data-[state=active]:text-fg">
            Right only in B ({formatCount(pair.flipped_to_correct.length)})
          </Tabs.Trigger>
          <Tabs.Trigger value="to_incorrect" className="-mb-px border-b-2 border-transparent px-3 py-1.5 text-sm text-muted data-[state=active]:border-accent data-[state=active]:text-fg">
            Right only in A ({formatCount(pair.flipped_to_incorrect.length)})
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value={dir}>
          {refs.length === 0 ? (
            <p className="text-sm text-muted">No sample flipped this way.</p>
          ) : samplesA.isError || samplesB.isError ? (
            <ErrorBox error={samplesA.error ?? samplesB.error} title="Could not load the flipped samples" />
          ) : (
            <ol className="space-y-4">
              {visible.map((ref) => {
                const sa = find(samplesA.data?.samples, ref.id, ref.epoch);
                const sb = find(samplesB.data?.samples, ref.id, ref.epoch);
                return (
                  <li key={`${ref.id}:${ref.epoch}`} className="rounded-md border border-border p-3">
                    <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
                      <span className="font-semibold">
                        Sample <span className="font-mono">{ref.id}</span>
                      </span>
                      {ref.epoch > 1 && <span className="chip">epoch {ref.epoch}</span>}
                      {sa && <span className="text-muted">Target <span className="font-mono">{sa.target}</span></span>}
                    </div>
                    {sa ? (
                      <details className="mb-2 text-sm">
                        <summary className="cursor-pointer text-muted">Input</summary>
                        <pre className="mt-1 max-h-64 overflow-auto rounded bg-surface-2 p-2 text-[13px] whitespace-pre-wrap">{sa.input}</pre>
                      </details>
                    ) : null}
                    <div className="grid gap-3 md:grid-cols-2">
                      {[
                        { s: sa, run: a, i: aIndex, label: 'A' },
                        { s: sb, run: b, i: bIndex, label: 'B' },
                      ].map(({ s, run, i, label }) => (
                        <div key={label} className="min-w-0">
                          <div className="mb-1 flex items-center gap-1.5 text-xs">
                            <Swatch index={i} />
                            <span className="font-semibold">{label}</span>
                            <span className="truncate font-mono text-muted">{run.model}</span>
                            {s && <VerdictBadge verdict={s.verdict} />}
                          </div>
                          {s ? (
                            <>
                              <pre className="max-h-56 overflow-auto rounded bg-surface-2 p-2 text-[13px] whitespace-pre-wrap">{s.output || '(empty)'}</pre>
                              <div className="mt-1 text-xs text-muted">
                                Answer <span className="font-mono text-fg">{s.answer ?? '—'}</span>
                              </div>
                            </>
                          ) : samplesA.isPending || samplesB.isPending ? (
                            <LoadingBlock label="Loading" lines={2} />
                          ) : (
                            <p className="text-xs text-muted">Not found.</p>
                          )}
                        </div>
                      ))}
                    </div>
                  </li>
                );
              })}
            </ol>
          )}
          {refs.length > shown && (
            <button type="button" className="btn mt-3" onClick={() => setShown(shown + FLIP_PAGE)}>
              Show {Math.min(FLIP_PAGE, refs.length - shown)} more of {formatCount(refs.length - shown)}
            </button>
          )}
        </Tabs.Content>
      </Tabs.Root>
    </div>
  );
}

/** Without two run ids: choose 2–8 finished runs to compare. */
function RunPicker({ initial }: { initial: string[] }) {
  const navigate = useNavigate();
  const runs = useRuns({ page: 1, per_page: 100, status: 'completed', sort_by: 'created_at', sort_order: 'desc' });
  const [picked, setPicked] = useState<string[]>(initial);
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : p.length >= 8 ? p : [...p, id]));
  return (
    <>
      <PageHeader title="Compare runs" subtitle="Pick 2 to 8 completed runs. Runs of the same benchmark are compared sample by sample." />
      {runs.isPending ? (
        <LoadingBlock label="Loading runs" lines={8} className="card p-4" />
      ) : runs.isError ? (
        <ErrorBox error={runs.error} onRetry={() => void runs.refetch()} />
      ) : runs.data.runs.length < 2 ? (
        <EmptyState title="Not enough runs to compare">
          Compare needs two completed runs.{' '}
          <Link to="/new" className="link">
            Start a run
          </Link>
          .
        </EmptyState>
      ) : (
        <form
          className="card p-4"
          onSubmit={(e) => {
            e.preventDefault();
            void navigate({ to: '/compare', search: { ids: picked.join(',') } });
          }}
        >
          <fieldset>
            <legend className="mb-2 text-sm font-semibold">Completed runs (newest first)</legend>
            <ul className="max-h-[60vh] divide-y divide-border overflow-auto">
              {runs.data.runs.map((r) => (
                <li key={r.run_id}>
                  <label className="flex cursor-pointer items-center gap-3 px-1 py-2 text-sm hover:bg-surface-2">
                    <input type="checkbox" checked={picked.includes(r.run_id)} onChange={() => toggle(r.run_id)} disabled={!picked.includes(r.run_id) && picked.length >= 8} />
                    <span className="w-28 font-medium">{r.benchmark}</span>
                    <span className="flex-1 truncate font-mono text-xs">{r.model}</span>
                    <span className="tabular w-20">{formatNumber(r.primary_metric)}</span>
                    <DateText iso={r.created_at} />
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <div className="mt-3 flex items-center gap-3">
            <button type="submit" className="btn btn-primary" disabled={picked.length < 2}>
              Compare {picked.length || ''} runs
            </button>
            <span className="text-sm text-muted">{picked.length < 2 ? 'Pick at least 2.' : picked.length >= 8 ? 'At most 8.' : ''}</span>
          </div>
        </form>
      )}
    </>
  );
}
