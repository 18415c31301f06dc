import { useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo, useState, type FormEvent } from 'react';
import { ApiError, errorMessage, fieldError } from '../api/errors';
import { useAvailableModels, useBenchmarkGroups, useBenchmarks, useCreateSuite } from '../api/queries';
import { RunOptionFields } from '../components/RunOptionFields';
import { Card, ErrorBox, Field, LoadingBlock, PageHeader } from '../components/ui';
import { emptyForm, type RunForm } from '../lib/run-form';
import { MAX_SUITE_ITEMS, parseModels, toSuiteCreate, type SuiteFormErrors } from '../lib/suite-form';

/**
 * The New suite form: benchmarks (or one of openbench's eval groups) and models picked, the run options (the New run
 * form's) applied to every pair.
 */
export function NewSuitePage() {
  const navigate = useNavigate();
  const create = useCreateSuite();
  const benchmarks = useBenchmarks();
  const groups = useBenchmarkGroups();
  const models = useAvailableModels();
  const [group, setGroup] = useState(useSearch({ from: '/_app/suites/new' }).group ?? '');
  const [name, setName] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [search, setSearch] = useState('');
  const [modelsText, setModelsText] = useState('');
  const [form, setForm] = useState<RunForm>(emptyForm);
  const [errors, setErrors] = useState<SuiteFormErrors>({});
  const set = <K extends keyof RunForm>(k: K, v: RunForm[K]) => setForm((f) => ({ ...f, [k]: v }));

  const runnable = useMemo(() => (benchmarks.data ?? []).filter((b) => b.runnable && !b.subtask), [benchmarks.data]);
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return runnable.filter((b) => picked.includes(b.name) || !q || b.name.toLowerCase().includes(q) || b.display_name.toLowerCase().includes(q));
  }, [runnable, search, picked]);
  const modelCount = parseModels(modelsText).length;
  const chosenGroup = (groups.data ?? []).find((g) => g.name === group);
  const benchmarkCount = chosenGroup ? chosenGroup.members.length : picked.length;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const result = toSuiteCreate(name, group ? { group } : { benchmarks: picked }, modelsText, form);
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    create.mutate(result.body, { onSuccess: ({ suite_id }) => void navigate({ to: '/suites/$suiteId', params: { suiteId: suite_id } }) });
  };
  const serverErrors: SuiteFormErrors = Object.fromEntries(
    (Object.keys(form) as (keyof RunForm)[]).flatMap((f) => (fieldError(create.error, f) ? [[f, fieldError(create.error, f)]] : [])),
  );
  const allErrors: SuiteFormErrors = { ...serverErrors, ...errors };
  const pairErrors = create.error instanceof ApiError ? create.error.fields : [];

  return (
    <>
      <PageHeader title="New suite" subtitle="Every benchmark you pick runs on every model you list: one run per pair, read as one table." />
      <form onSubmit={onSubmit} noValidate className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="space-y-5">
          <Card title="Run an eval group">
            <Field
              label="Eval group"
              htmlFor="suite-group"
              hint="openbench's groups: every member runs, and the suite shows the group summary as bench eval prints it. Only groups whose members all run here are offered."
            >
              <select id="suite-group" className="input" value={group} onChange={(e) => setGroup(e.target.value)}>
                <option value="">None: pick benchmarks below</option>
                {(groups.data ?? [])
                  .filter((g) => g.runnable)
                  .map((g) => (
                    <option key={g.name} value={g.name}>
                      {g.display_name} ({g.name}, {g.members.length} benchmarks)
                    </option>
                  ))}
              </select>
            </Field>
            {chosenGroup && (
              <p className="mt-2 text-sm text-muted">
                {chosenGroup.description}: <span className="font-mono text-xs">{chosenGroup.members.map((m) => m.name).join(', ')}</span>
              </p>
            )}
          </Card>
          {!chosenGroup && (
          <Card title={`Benchmarks (${picked.length} of at most ${MAX_SUITE_ITEMS})`}>
            <Field label="Search benchmarks" htmlFor="suite-benchmark-search">
              <input id="suite-benchmark-search" type="search" className="input" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="mmlu, gsm8k…" />
            </Field>
            {allErrors.benchmarks && (
              <p role="alert" className="mt-2 text-sm text-bad">
                {allErrors.benchmarks}
              </p>
            )}
            {benchmarks.isPending ? (
              <LoadingBlock label="Loading benchmarks" />
            ) : benchmarks.isError ? (
              <ErrorBox error={benchmarks.error} />
            ) : (
              <fieldset className="mt-3 grid max-h-96 gap-1 overflow-y-auto sm:grid-cols-2">
                <legend className="sr-only">Benchmarks to run</legend>
                {shown.map((b) => (
                  <label key={b.name} className="flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-surface-2">
                    <input
                      type="checkbox"
                      checked={picked.includes(b.name)}
                      onChange={(e) => setPicked((p) => (e.target.checked ? [...p, b.name] : p.filter((x) => x !== b.name)))}
                    />
                    <span>{b.display_name}</span> <span className="font-mono text-xs text-muted">{b.name}</span>
                  </label>
                ))}
              </fieldset>
            )}
          </Card>
          )}
          <Card title={`Models (${modelCount})`}>
            <Field label="Models" htmlFor="suite-models" hint="provider/model, one per line or comma-separated" error={allErrors.models}>
              <textarea
                id="suite-models"
                className="input min-h-24 font-mono"
                value={modelsText}
                placeholder={'openai/gpt-4o\ngroq/llama-3.3-70b-versatile'}
                onChange={(e) => setModelsText(e.target.value)}
                aria-invalid={allErrors.models ? true : undefined}
              />
            </Field>
            {models.data && (
              <div className="mt-2 flex flex-wrap gap-1">
                {models.data.providers.flatMap((p) => p.models.slice(0, 8)).map((m) => (
                  <button key={m.id} type="button" className="btn btn-sm font-mono" onClick={() => setModelsText((t) => (parseModels(t).includes(m.id) ? t : `${t.trim() ? `${t.trim()}\n` : ''}${m.id}`))}>
                    + {m.id}
                  </button>
                ))}
              </div>
            )}
          </Card>
        </div>
        <div className="card h-fit space-y-4 p-4 lg:sticky lg:top-20">
          <h2 className="text-base font-semibold">Suite</h2>
          <Field label="Name" htmlFor="suite-name" hint="Optional">
            <input id="suite-name" className="input" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
          </Field>
          <p className="text-sm text-muted">
            {benchmarkCount * modelCount} run{benchmarkCount * modelCount === 1 ? '' : 's'}, each with these options:
          </p>
          <RunOptionFields form={form} set={set} errors={allErrors} sampleCount={null} defaultGrader={null} />
          {create.isError && (
            <div role="alert" className="rounded-md border border-bad/40 bg-bad-soft px-3 py-2 text-sm">
              {pairErrors.length ? (
                <>
                  <p>Nothing was started; {group ? 'these cannot run' : 'these pairs cannot run'}:</p>
                  <ul className="mt-1 list-disc pl-5">
                    {pairErrors.map((f) => (
                      <li key={f.field}>
                        <span className="font-mono text-xs">{f.field}</span>: {f.message}
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                errorMessage(create.error)
              )}
            </div>
          )}
          <button type="submit" className="btn btn-primary w-full" disabled={create.isPending}>
            {create.isPending ? 'Starting…' : 'Start suite'}
          </button>
        </div>
      </form>
    </>
  );
}
