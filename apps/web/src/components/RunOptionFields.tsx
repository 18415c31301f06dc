/**
 * The options of a run (sample limit, epochs, generation and execution options, tags, notes), as the New run form and
 * the New suite form both take them; their values and checks are lib/run-form's.
 */
import { formatCount } from '../lib/format';
import { NUMBER_RULES, type FailOnErrorMode, type FormErrors, type ReasoningEffortChoice, type RunForm } from '../lib/run-form';
import { Field } from './ui';

function NumberField({ field, form, set, errors, hint, step }: { field: keyof RunForm; form: RunForm; set: (k: keyof RunForm, v: string) => void; errors: FormErrors; hint?: string; step?: number }) {
  const rule = NUMBER_RULES[field]!;
  const id = `run-${field}`;
  return (
    <Field label={rule.label} htmlFor={id} hint={hint} error={errors[field]}>
      <input
        id={id}
        type="number"
        inputMode={rule.integer ? 'numeric' : 'decimal'}
        className="input tabular"
        min={rule.min}
        max={rule.max !== undefined && rule.max < 1e9 ? rule.max : undefined}
        step={step ?? (rule.integer ? 1 : 'any')}
        value={form[field] as string}
        placeholder="default"
        onChange={(e) => set(field, e.target.value)}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={errors[field] ? `${id}-error` : hint ? `${id}-hint` : undefined}
      />
    </Field>
  );
}

export function RunOptionFields({
  form,
  set,
  errors,
  sampleCount,
  defaultGrader,
}: {
  form: RunForm;
  set: <K extends keyof RunForm>(k: K, v: RunForm[K]) => void;
  errors: FormErrors;
  /** The chosen benchmark's size, for the limit's hint (null: unknown or several). */
  sampleCount: number | null;
  defaultGrader: string | null;
}) {
  const setStr = set as (k: keyof RunForm, v: string) => void;
  return (
    <>
        <div className="grid grid-cols-2 gap-3">
          <NumberField field="limit" form={form} set={setStr} errors={errors} hint={sampleCount ? `of ${formatCount(sampleCount)}; empty = all` : 'empty = all samples'} />
          <NumberField field="epochs" form={form} set={setStr} errors={errors} />
        </div>
        <details className="group rounded-md border border-border p-3" open={Object.keys(errors).some((k) => !['benchmark', 'model', 'limit', 'epochs'].includes(k))}>
          <summary className="cursor-pointer text-sm font-semibold">Generation and execution options</summary>
          <div className="mt-3 grid grid-cols-2 gap-3">
            <NumberField field="temperature" form={form} set={setStr} errors={errors} step={0.1} />
            <NumberField field="top_p" form={form} set={setStr} errors={errors} step={0.05} />
            <NumberField field="max_tokens" form={form} set={setStr} errors={errors} />
            <NumberField field="seed" form={form} set={setStr} errors={errors} />
            <NumberField field="timeout" form={form} set={setStr} errors={errors} hint="seconds per model call" />
            <NumberField field="max_connections" form={form} set={setStr} errors={errors} hint="calls in flight" />
            <div className="col-span-2">
              <Field label="Grader model" htmlFor="run-grader_model" hint={defaultGrader ? `Default: ${defaultGrader}` : 'For model-graded benchmarks'} error={errors.grader_model}>
                <input id="run-grader_model" className="input font-mono" value={form.grader_model} placeholder="provider/model" onChange={(e) => set('grader_model', e.target.value)} aria-invalid={errors.grader_model ? true : undefined} />
              </Field>
            </div>
            <div className="col-span-2">
              <Field label="Epoch reducers" htmlFor="run-epochs_reducer" hint="How a sample's epochs combine, comma-separated: mean, median, mode, max, pass_at_k, at_least_k, pass_hat_k. Empty: the benchmark's own." error={errors.epochs_reducer}>
                <input id="run-epochs_reducer" className="input font-mono" value={form.epochs_reducer} placeholder="mean, pass_at_2" onChange={(e) => set('epochs_reducer', e.target.value)} aria-invalid={errors.epochs_reducer ? true : undefined} />
              </Field>
            </div>
            <div className="col-span-2">
              <Field label="Reasoning effort" htmlFor="run-reasoning_effort" hint="For reasoning models; left to the model when unset.">
                <select id="run-reasoning_effort" className="input" value={form.reasoning_effort} onChange={(e) => set('reasoning_effort', e.target.value as ReasoningEffortChoice)}>
                  <option value="">Model default</option>
                  <option value="minimal">Minimal</option>
                  <option value="low">Low</option>
                  <option value="medium">Medium</option>
                  <option value="high">High</option>
                </select>
              </Field>
            </div>
            <div className="col-span-2">
              <Field label="Fail on sample errors" htmlFor="run-fail_on_error" hint="What happens when a sample still fails after the provider's retries.">
                <select id="run-fail_on_error" className="input" value={form.fail_on_error} onChange={(e) => set('fail_on_error', e.target.value as FailOnErrorMode)}>
                  <option value="first">Fail the run on the first error (default)</option>
                  <option value="never">Never fail; leave errored samples out</option>
                  <option value="fraction">Fail above a fraction of samples</option>
                  <option value="count">Fail above a number of samples</option>
                </select>
              </Field>
              {(form.fail_on_error === 'fraction' || form.fail_on_error === 'count') && (
                <div className="mt-2">
                  <Field label={form.fail_on_error === 'fraction' ? 'Fraction (0–1)' : 'Number of samples'} htmlFor="run-fail_on_error_value" error={errors.fail_on_error_value}>
                    <input
                      id="run-fail_on_error_value"
                      type="number"
                      className="input tabular"
                      step={form.fail_on_error === 'fraction' ? 0.01 : 1}
                      min={form.fail_on_error === 'fraction' ? 0 : 1}
                      max={form.fail_on_error === 'fraction' ? 1 : undefined}
                      value={form.fail_on_error_value}
                      onChange={(e) => set('fail_on_error_value', e.target.value)}
                      aria-invalid={errors.fail_on_error_value ? true : undefined}
                    />
                  </Field>
                </div>
              )}
            </div>
          </div>
        </details>
        <Field
          label="Task arguments"
          htmlFor="run-task_args"
          hint="The benchmark's own options, one key=value per line, as bench eval -T takes them. Empty: its defaults; one it does not take is refused with those it does."
          error={errors.task_args}
        >
          <textarea
            id="run-task_args"
            className="input min-h-16 font-mono"
            value={form.task_args}
            placeholder="key=value"
            spellCheck={false}
            onChange={(e) => set('task_args', e.target.value)}
            aria-invalid={errors.task_args ? true : undefined}
            aria-describedby={errors.task_args ? 'run-task_args-error' : 'run-task_args-hint'}
          />
        </Field>
        <Field label="Tags" htmlFor="run-tags" hint="Comma-separated, e.g. baseline, nightly">
          <input id="run-tags" className="input" value={form.tags} onChange={(e) => set('tags', e.target.value)} />
        </Field>
        <Field label="Notes" htmlFor="run-notes">
          <textarea id="run-notes" className="input min-h-16" value={form.notes} onChange={(e) => set('notes', e.target.value)} />
        </Field>
    </>
  );
}
