import * as Dialog from '@radix-ui/react-dialog';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { errorMessage, fieldError } from '../api/errors';
import { useApiKeys, useAvailableModels, useBenchmarkGroups, useBenchmarks, useCreateRun, useRun, useScoringServices, useServiceKeys } from '../api/queries';
import type { Benchmark } from '../api/types';
import { Card, ErrorBox, Field, LoadingBlock, PageHeader, Skeleton } from '../components/ui';
import { capabilityBadges, categoryCounts, contextShortfall, docsUrl, filterCatalog, serviceKeyNeeds, type ServiceKeyNeed } from '../lib/catalog';
import { formatCount } from '../lib/format';
import { RunOptionFields } from '../components/RunOptionFields';
import { emptyForm, formFromRun, toRunCreate, type FormErrors, type RunForm } from '../lib/run-form';

export function NewRunPage() {
  const search = useSearch({ from: '/_app/new' });
  const from = useRun(search.from ?? '', { poll: false });
  const fromEnabled = Boolean(search.from);
  const [form, setForm] = useState<RunForm>(() => ({ ...emptyForm, benchmark: search.benchmark ?? '', model: search.model ?? '' }));
  const [prefilled, setPrefilled] = useState<string | null>(null);

  useEffect(() => {
    if (fromEnabled && from.data && prefilled !== from.data.run_id) {
      setForm(formFromRun(from.data));
      setPrefilled(from.data.run_id);
    }
  }, [fromEnabled, from.data, prefilled]);

  const set = <K extends keyof RunForm>(k: K, v: RunForm[K]) => setForm((f) => ({ ...f, [k]: v }));

  return (
    <>
      <PageHeader title="New run" subtitle="Pick a benchmark and a model, adjust the options, and start. You can watch it live." />
      {fromEnabled && (
        <div role="status" className="mb-4 rounded-md border border-border bg-surface px-3 py-2 text-sm">
          {from.isPending ? (
            'Loading the earlier run…'
          ) : from.isError ? (
            <span className="text-bad">Could not load the run to copy: {errorMessage(from.error)}</span>
          ) : (
            <>
              Pre-filled from{' '}
              <Link to="/runs/$runId" params={{ runId: from.data.run_id }} className="link">
                {from.data.benchmark} on {from.data.model}
              </Link>
              . Change what you like and start.
            </>
          )}
        </div>
      )}
      <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <Catalog selected={form.benchmark} onSelect={(b) => set('benchmark', b)} />
        <RunOptions form={form} set={set} />
      </div>
    </>
  );
}

function Catalog({ selected, onSelect }: { selected: string; onSelect: (name: string) => void }) {
  const benchmarks = useBenchmarks();
  const services = useScoringServices().data;
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState('');
  const [showUnrunnable, setShowUnrunnable] = useState(false);
  const [showSubtasks, setShowSubtasks] = useState(false);
  const [details, setDetails] = useState<Benchmark | null>(null);

  const pool = useMemo(() => (benchmarks.data ?? []).filter((b) => showSubtasks || !b.subtask || b.name === selected), [benchmarks.data, showSubtasks, selected]);
  const list = useMemo(() => filterCatalog(pool, { search, category, showUnrunnable }), [pool, search, category, showUnrunnable]);
  const categories = useMemo(() => categoryCounts(pool.filter((b) => showUnrunnable || b.runnable)), [pool, showUnrunnable]);

  return (
    <Card title="Benchmark" className="min-w-0">
      <div className="mb-3 grid gap-3 sm:grid-cols-[1fr_12rem]">
        <Field label="Search benchmarks" htmlFor="catalog-search">
          <input id="catalog-search" data-search type="search" className="input" placeholder="mmlu, math, reasoning…  ( / )" value={search} onChange={(e) => setSearch(e.target.value)} />
        </Field>
        <Field label="Category" htmlFor="catalog-category">
          <select id="catalog-category" className="input" value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">All categories</option>
            {categories.map((c) => (
              <option key={c.category} value={c.category}>
                {c.category} ({c.count})
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="mb-3 flex flex-wrap gap-4 text-sm">
        <label className="inline-flex items-center gap-2">
          <input type="checkbox" checked={showUnrunnable} onChange={(e) => setShowUnrunnable(e.target.checked)} />
          Show benchmarks this engine cannot run yet
        </label>
        <label className="inline-flex items-center gap-2">
          <input type="checkbox" checked={showSubtasks} onChange={(e) => setShowSubtasks(e.target.checked)} />
          Show subtasks
        </label>
      </div>
      {benchmarks.isPending ? (
        <div role="status" className="grid gap-2 sm:grid-cols-2 xl:grid-cols-3">
          <span className="sr-only">Loading benchmarks</span>
          {Array.from({ length: 9 }, (_, i) => (
            <Skeleton key={i} className="h-24" />
          ))}
        </div>
      ) : benchmarks.isError ? (
        <ErrorBox error={benchmarks.error} title="Could not load the benchmarks" onRetry={() => void benchmarks.refetch()} />
      ) : list.length === 0 ? (
        <p className="py-6 text-center text-sm text-muted">No benchmark matches. Try another word, or show the ones this engine cannot run.</p>
      ) : (
        <div role="radiogroup" aria-labelledby="catalog-heading" className="grid max-h-[calc(100vh-22rem)] min-h-64 content-start gap-2 overflow-y-auto pr-1 sm:grid-cols-2 xl:grid-cols-3">
          {list.map((b) => {
            const checked = b.name === selected;
            return (
              <div key={b.name} className={`card relative flex flex-col p-3 ${checked ? 'border-accent ring-2 ring-accent/40' : ''} ${b.runnable ? 'hover:border-accent/60' : 'opacity-70'}`}>
                <label className="flex cursor-pointer items-start gap-2">
                  <input type="radio" name="benchmark" value={b.name} checked={checked} disabled={!b.runnable} onChange={() => onSelect(b.name)} className="mt-1" />
                  <span className="min-w-0">
                    <span className="block font-semibold">{b.display_name}</span>
                    <span className="block font-mono text-xs text-muted">{b.name}</span>
                  </span>
                </label>
                <p className="mt-1.5 line-clamp-2 text-xs text-muted">{b.description_short || b.description}</p>
                <div className="mt-auto flex flex-wrap items-center gap-1 pt-2">
                  <span className="chip">{b.category}</span>
                  {b.sample_count !== null && <span className="chip tabular">{formatCount(b.sample_count)} samples</span>}
                  {!b.runnable && <span className="chip" title={b.reason}>not runnable yet</span>}
                  {capabilityBadges(b, services).map((badge) => (
                    <span key={badge.label} className="chip border-accent/40 text-accent" title={badge.title}>
                      {badge.label}
                    </span>
                  ))}
                  <button type="button" className="link ml-auto text-xs" onClick={() => setDetails(b)} aria-label={`Details of ${b.display_name}`}>
                    Details
                  </button>
                </div>
              </div>
            );
          })}
        </div>
      )}
      <EvalGroups search={search} />
      {details && <BenchmarkDetails benchmark={details} onClose={() => setDetails(null)} onSelect={onSelect} />}
    </Card>
  );
}

/**
 * openbench's eval groups matching the search: one that runs here opens the New suite form with it (a group is one
 * run per member, with the group summary); one that does not says how many members can run.
 */
function EvalGroups({ search }: { search: string }) {
  const groups = useBenchmarkGroups();
  const q = search.trim().toLowerCase();
  const shown = (groups.data ?? []).filter((g) => !q || g.name.toLowerCase().includes(q) || g.display_name.toLowerCase().includes(q));
  if (shown.length === 0) return null;
  const runnable = shown.filter((g) => g.runnable).length;
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer font-medium">
        Eval groups ({runnable} of {shown.length} runnable): run every member and get openbench's group summary
      </summary>
      <ul className="mt-2 grid gap-1 sm:grid-cols-2">
        {shown.map((g) => (
          <li key={g.name} className="flex items-baseline gap-2">
            {g.runnable ? (
              <Link to="/suites/new" search={{ group: g.name }} className="link">
                {g.display_name}
              </Link>
            ) : (
              <span className="text-muted" title={g.reason}>
                {g.display_name}
              </span>
            )}
            <span className="font-mono text-xs text-muted">
              {g.name} · {g.runnable ? `${g.members.length} benchmarks` : `${g.runnable_members}/${g.members.length} runnable`}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}

function BenchmarkDetails({ benchmark: b, onClose, onSelect }: { benchmark: Benchmark; onClose: () => void; onSelect: (name: string) => void }) {
  const needs = serviceKeyNeeds(b, useScoringServices().data ?? [], undefined);
  return (
    <Dialog.Root open onOpenChange={(o) => !o && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <Dialog.Content className="card fixed top-1/2 left-1/2 z-50 max-h-[85vh] w-[36rem] max-w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto p-5 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">{b.display_name}</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm whitespace-pre-line text-muted">{b.description}</Dialog.Description>
          <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted">Key</dt>
            <dd className="font-mono">{b.name}</dd>
            <dt className="text-muted">Category</dt>
            <dd>{b.category}</dd>
            <dt className="text-muted">Samples</dt>
            <dd>{b.sample_count === null ? 'unknown' : formatCount(b.sample_count)}</dd>
            <dt className="text-muted">Dataset</dt>
            <dd className="font-mono text-xs break-all">
              {b.dataset.source}
              {b.dataset.subset ? ` (${b.dataset.subset})` : ''}
              {b.dataset.split ? ` · ${b.dataset.split}` : ''}
            </dd>
            <dt className="text-muted">Scorer</dt>
            <dd>{b.scorer}</dd>
            {b.requirements.grader_model && (
              <>
                <dt className="text-muted">Grader</dt>
                <dd className="font-mono text-xs">{b.requirements.grader_model}</dd>
              </>
            )}
            {needs.length > 0 && (
              <>
                <dt className="text-muted">Scored by</dt>
                <dd>{needs.map((n) => n.display_name).join(', ')}, with your key</dd>
              </>
            )}
            <dt className="text-muted">Tags</dt>
            <dd>{b.tags.join(', ') || '—'}</dd>
            <dt className="text-muted">Runs here</dt>
            <dd>{b.runnable ? 'Yes' : (b.reason ?? 'Not yet in this engine')}</dd>
          </dl>
          <div className="mt-5 flex flex-wrap items-center justify-between gap-2">
            <a className="link text-sm" href={docsUrl(b)} target="_blank" rel="noreferrer">
              openbench documentation
            </a>
            <div className="flex gap-2">
              <Dialog.Close className="btn">Close</Dialog.Close>
              {b.runnable && (
                <button
                  type="button"
                  className="btn btn-primary"
                  onClick={() => {
                    onSelect(b.name);
                    onClose();
                  }}
                >
                  Choose {b.display_name}
                </button>
              )}
            </div>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function RunOptions({ form, set }: { form: RunForm; set: <K extends keyof RunForm>(k: K, v: RunForm[K]) => void }) {
  const navigate = useNavigate();
  const create = useCreateRun();
  const [errors, setErrors] = useState<FormErrors>({});
  const benchmarks = useBenchmarks();
  const chosen = benchmarks.data?.find((b) => b.name === form.benchmark);
  const scoringServices = useScoringServices();
  const serviceKeys = useServiceKeys();
  // Said before Start: the server refuses the run while one of these keys is missing.
  const keyNeeds = serviceKeyNeeds(chosen, scoringServices.data ?? [], serviceKeys.data?.map((k) => k.service));
  const apiKeys = useApiKeys();
  const models = useAvailableModels((apiKeys.data?.length ?? 0) > 0);
  const modelContext = models.data?.providers.flatMap((p) => p.models).find((m) => m.id === form.model)?.context_length;
  // Checked before the run starts: a long-context benchmark on a model whose known window is too small.
  const shortfall = contextShortfall(chosen, form.model, modelContext);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (shortfall) return;
    const result = toRunCreate(form);
    if ('errors' in result) {
      setErrors(result.errors);
      document.getElementById(`run-${Object.keys(result.errors)[0]}`)?.focus();
      return;
    }
    setErrors({});
    create.mutate(result.body, { onSuccess: ({ run_id }) => void navigate({ to: '/runs/$runId', params: { runId: run_id } }) });
  };
  const serverField = (f: keyof RunForm) => fieldError(create.error, f);
  const allErrors: FormErrors = { ...Object.fromEntries((Object.keys(form) as (keyof RunForm)[]).flatMap((f) => (serverField(f) ? [[f, serverField(f)]] : []))), ...errors };

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="options-heading" className="card h-fit space-y-4 p-4 lg:sticky lg:top-20">
      <h2 id="options-heading" className="text-base font-semibold">
        Run
      </h2>
      <div>
        <div className="label">Benchmark</div>
        <div className={`text-sm ${allErrors.benchmark ? 'text-bad' : ''}`} id="run-benchmark" tabIndex={-1}>
          {chosen ? (
            <>
              <span className="font-semibold">{chosen.display_name}</span> <span className="font-mono text-xs text-muted">{chosen.name}</span>
            </>
          ) : form.benchmark ? (
            <span className="font-mono">{form.benchmark}</span>
          ) : (
            (allErrors.benchmark ?? 'Choose one from the catalog.')
          )}
        </div>
        {/* A chosen benchmark the server refuses (a scoring-service key or a judge's key missing) says why here. */}
        {form.benchmark && allErrors.benchmark && (
          <p id="run-benchmark-error" className="mt-1 text-xs text-bad">
            {allErrors.benchmark}
          </p>
        )}
        {keyNeeds.length > 0 && <ServiceKeyNote needs={keyNeeds} />}
      </div>
      <ModelPicker value={form.model} onChange={(v) => set('model', v)} error={allErrors.model} />

      <RunOptionFields form={form} set={set} errors={allErrors} sampleCount={chosen?.sample_count ?? null} defaultGrader={chosen?.requirements.grader_model ?? null} />
      {create.isError && Object.keys(allErrors).length === 0 && (
        <div role="alert" className="rounded-md border border-bad/40 bg-bad-soft px-3 py-2 text-sm">
          {errorMessage(create.error)}
        </div>
      )}
      {Object.keys(allErrors).length > 0 && (
        <p role="alert" className="text-sm text-bad">
          Fix the highlighted fields to start the run.
        </p>
      )}
      {shortfall && (
        <p role="alert" className="rounded-md border border-bad/40 bg-bad-soft px-3 py-2 text-sm">
          {shortfall}
        </p>
      )}
      <button type="submit" className="btn btn-primary w-full" disabled={create.isPending || shortfall !== null}>
        {create.isPending ? 'Starting…' : 'Start run'}
      </button>
    </form>
  );
}

/** The outside services that score the chosen benchmark with the user's key, where that key is kept, and whether it is saved. */
function ServiceKeyNote({ needs }: { needs: ServiceKeyNeed[] }) {
  return (
    <div role="note" aria-label="Scoring services" className="mt-2 space-y-1 rounded-md border border-border bg-surface px-3 py-2 text-xs">
      {needs.map((n) => (
        <p key={n.service}>
          Scored by {n.display_name} with your own key, kept under{' '}
          <Link to="/settings" hash="scoring-services" className="link">
            Settings → Scoring services
          </Link>
          .{' '}
          {n.saved === true && <span className="text-ok">Your key is saved.</span>}
          {n.saved === false && <span className="text-warn">You have not saved one yet: the run is refused until you do.</span>}
        </p>
      ))}
    </div>
  );
}

const CUSTOM = '__custom__';

/** The models of every provider you have a key for, grouped by provider, or any `provider/model` typed in. */
function ModelPicker({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string }) {
  const apiKeys = useApiKeys();
  const hasKeys = (apiKeys.data?.length ?? 0) > 0;
  const models = useAvailableModels(hasKeys);
  const listed = useMemo(() => new Set((models.data?.providers ?? []).flatMap((p) => p.models.map((m) => m.id))), [models.data]);
  const [custom, setCustom] = useState(false);
  const loading = apiKeys.isPending || (hasKeys && models.isPending);
  // Nothing to type into while the keys and models load: a text box that turns into a list mid-typing loses input.
  const showText = !loading && (custom || (value !== '' && !listed.has(value)) || !hasKeys || models.isError);

  return (
    <div className="space-y-2">
      {loading ? (
        <LoadingBlock label="Loading your models" lines={1} />
      ) : hasKeys && models.data ? (
        <Field label="Model" htmlFor="run-model-select" hint={`${listed.size} model${listed.size === 1 ? '' : 's'} from ${models.data.providers.length} provider${models.data.providers.length === 1 ? '' : 's'}`}>
          <select
            id="run-model-select"
            className="input"
            value={showText ? CUSTOM : value}
            onChange={(e) => {
              if (e.target.value === CUSTOM) setCustom(true);
              else {
                setCustom(false);
                onChange(e.target.value);
              }
            }}
          >
            <option value="" disabled>
              Choose a model…
            </option>
            {models.data.providers.map((p) => (
              <optgroup key={p.provider} label={p.error ? `${p.display_name} (could not list models)` : p.display_name}>
                {p.models.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name && m.name !== m.id ? `${m.name} (${m.id})` : m.id}
                  </option>
                ))}
              </optgroup>
            ))}
            <option value={CUSTOM}>Other: type provider/model…</option>
          </select>
        </Field>
      ) : null}
      {models.data?.providers.filter((p) => p.error).map((p) => (
        <p key={p.provider} className="text-xs text-warn">
          {p.display_name}: {p.error!.detail}
        </p>
      ))}
      {models.isError && <p className="text-xs text-warn">Could not list your models ({errorMessage(models.error)}). Type the model id instead.</p>}
      {!apiKeys.isPending && !hasKeys && (
        <p className="text-xs text-muted">
          No provider keys yet:{' '}
          <Link to="/settings" className="link">
            add one in Settings
          </Link>
          , or use <code className="font-mono">mockllm/model</code> for a dry run.
        </p>
      )}
      {showText && (
        <Field label={hasKeys && models.data ? 'Model id' : 'Model'} htmlFor="run-model" hint="provider/model, e.g. openai/gpt-4o" error={error}>
          <input
            id="run-model"
            className="input font-mono"
            value={value}
            placeholder="provider/model"
            onChange={(e) => onChange(e.target.value)}
            aria-invalid={error ? true : undefined}
            autoComplete="off"
          />
        </Field>
      )}
      {!showText && error && (
        <p id="run-model" tabIndex={-1} className="text-xs text-bad">
          {error}
        </p>
      )}
    </div>
  );
}
