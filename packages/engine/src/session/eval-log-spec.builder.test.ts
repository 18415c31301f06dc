import { RunConfigSchema } from '@studio/contracts';
import type { EvalRunResult } from '../runner';
import { getTask } from '../tasks/registry';
import type { Sample } from '../types';
import { evalLogFinish, evalLogStart, newEvalLogIdentity, type EvalLogIdentity } from './eval-log-spec.builder';
import { evalSettings } from './eval-settings';
import { EvalSession, storedRunLogStart } from './eval.session';
import { STUDIO_VERSION } from './studio.version';

const ID: EvalLogIdentity = { eval_id: 'E', run_id: 'R', task_id: 'T', created: '2025-01-02T03:04:05+00:00' };
const SWITCHES = { sandbox_cleanup: true, log_samples: true, log_realtime: true, log_images: true, score_display: true };

test('a stored run’s log: its ids, the catalog’s dataset size, the connections it ran with', () => {
  const config = RunConfigSchema.parse({ benchmark: 'mmlu', model: 'openai/gpt-4o', limit: 3, temperature: 0.5 });
  const { spec, plan } = storedRunLogStart(config, ID);
  expect(spec).toMatchObject({
    eval_id: 'E',
    run_id: 'R',
    task_id: 'T',
    created: '2025-01-02T03:04:05+00:00',
    task: 'mmlu',
    task_display_name: 'MMLU (cais/mmlu)',
    task_registry_name: 'openbench/mmlu',
    task_args: {},
    task_args_passed: {},
    model: 'openai/gpt-4o',
    model_generate_config: { temperature: 0.5, max_connections: 10 },
    model_roles: {},
    config: { limit: 3, epochs: 1, epochs_reducer: ['mean'], fail_on_error: true, ...SWITCHES },
    packages: { 'openbench-studio': STUDIO_VERSION },
    scorers: [{ name: 'mcq_scorer' }],
  });
  expect(spec.dataset).toEqual({ name: 'mmlu', location: getTask('mmlu').dataset.location, samples: 14042, shuffled: false });
  // The request timeout is the worker's unless the run set it.
  expect(spec.model_generate_config).not.toHaveProperty('timeout');
  expect(plan).toEqual({ name: 'plan', steps: [{ solver: 'generate', params: {} }], config: { temperature: 0.5 } });
});

test('the grader is a model role; task arguments are what -T passed', () => {
  const graded = storedRunLogStart(RunConfigSchema.parse({ benchmark: 'simpleqa', model: 'openai/gpt-4o', grader_model: 'openai/mini' }), ID).spec;
  expect(graded).toMatchObject({ task_args: { grader_model: 'openai/mini' }, task_args_passed: {}, model_roles: { grader: { model: 'openai/mini' } } });
  const byArg = EvalSession.open(evalSettings({ benchmark: 'simpleqa', model: 'p/m', task_args: { grader_model: 'openai/mini' } }));
  expect(byArg.logStart(ID).spec).toMatchObject({ task_args: { grader_model: 'openai/mini' }, task_args_passed: { grader_model: 'openai/mini' } });
});

test('a run’s log when its benchmark is no longer runnable: catalog names, no scorer', () => {
  // CyBench needs an agent in a container: it stays in the catalog, not runnable by this engine.
  const { spec, plan } = storedRunLogStart(RunConfigSchema.parse({ benchmark: 'cybench', model: 'openai/gpt-4o' }), ID);
  expect(spec).toMatchObject({ task: 'cybench', task_display_name: 'CyBench', task_registry_name: 'openbench/cybench', config: { epochs: 1 } });
  expect(spec.scorers).toBeUndefined();
  expect(spec.dataset).toMatchObject({ name: 'cybench', shuffled: false });
  expect(plan.steps).toEqual([{ solver: 'generate', params: {} }]);
});

test('with the loaded dataset: its size and the planned ids; every option the CLI sets, in Inspect’s names', () => {
  const samples: Sample[] = [1, 2, 3, 4].map((id) => ({ id, input: `q${id}`, target: 'A' }));
  const session = EvalSession.open(
    evalSettings({
      benchmark: 'gsm8k',
      model: 'openai/fake',
      limit: [1, 3],
      epochs: 2,
      epochs_reducer: ['max'],
      max_connections: 3,
      temperature: 0.7,
      top_p: 0.9,
      max_tokens: 50,
      seed: 4,
      reasoning_effort: 'low',
      timeout: 30,
      max_retries: 2,
      fail_on_error: 0.5,
      model_base_url: 'http://127.0.0.1:9/v1',
      task_args: { split: 'test' },
    }),
  );
  const { spec, plan } = session.logStart(ID, samples);
  expect(spec.dataset).toEqual({ name: 'gsm8k', location: 'gsm8k', samples: 4, sample_ids: [2, 3], shuffled: false });
  expect(spec.model_generate_config).toEqual({ temperature: 0.7, top_p: 0.9, max_tokens: 50, seed: 4, reasoning_effort: 'low', max_connections: 3, timeout: 30, max_retries: 2 });
  expect(spec.model_base_url).toBe('http://127.0.0.1:9/v1');
  expect(spec.task_args).toEqual({ split: 'test' });
  expect(spec.config).toEqual({ limit: [1, 3], epochs: 2, epochs_reducer: ['max'], fail_on_error: 0.5, ...SWITCHES });
  // What the model is sent: the task's defaults (temperature 0, 2048 tokens) under the run's overrides.
  expect(plan.config).toEqual({ temperature: 0.7, top_p: 0.9, max_tokens: 50, seed: 4, reasoning_effort: 'low' });
});

test('fresh ids for a log written as the run goes', () => {
  const a = newEvalLogIdentity(Date.parse('2025-01-02T03:04:05.678Z'));
  const b = newEvalLogIdentity();
  expect(a.created).toBe('2025-01-02T03:04:05+00:00');
  expect(new Set([a.eval_id, a.run_id, a.task_id, b.eval_id]).size).toBe(4);
});

test('the end of the log: results only when something was scored', () => {
  const base: EvalRunResult = {
    status: 'cancelled',
    results: [],
    reductions: [],
    totals: { samples: 5, completed: 0 },
    usage: {},
    started_at: 's',
    completed_at: 'c',
  };
  expect(evalLogFinish(base)).toEqual({ status: 'cancelled', results: null, stats: { started_at: 's', completed_at: 'c', model_usage: {} }, reductions: [], error: null });
  const scored = { ...base, status: 'error' as const, error: 'boom', results: [{ name: 'x', scorer: 'x', scored_samples: 1, unscored_samples: 0, metrics: {} }] };
  expect(evalLogFinish(scored)).toMatchObject({ status: 'error', error: 'boom', results: { total_samples: 5, completed_samples: 0, scores: scored.results } });
});

test('evalLogStart takes the task it is given', () => {
  const settings = evalSettings({ benchmark: 'mmlu', model: 'p/m' });
  expect(evalLogStart(settings, undefined, ID).spec.scorers).toBeUndefined();
  expect(evalLogStart(settings, getTask('mmlu'), ID).spec.scorers).toHaveLength(1);
});
