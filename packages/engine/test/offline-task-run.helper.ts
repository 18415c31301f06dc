/**
 * Runs a task the way the worker does, but offline: its fixture files in a temporary dataset cache, and a local
 * OpenAI-compatible server as the model (and as the grader of a model-graded task).
 */
import { createModelClient, type ModelClient } from '@studio/providers';
import { runEval, type EvalRunResult } from '../src/runner';
import type { DatasetContext, Generator, SampleRecord, ScoringServices, TaskDefinition } from '../src/types';
import { startFakeChatModel, type FakeChatModelOptions, type FakeChatModel } from './fake-chat-model.server';
import { offlineCache, type OfflineCache } from './offline-cache.helper';

/** A model client for `baseUrl` seen as the engine sees models: `model` is the full `provider/model` id. */
export function generatorFor(model: string, baseUrl: string): Generator & { close(): Promise<void> } {
  const client: ModelClient = createModelClient({ model, apiKey: 'k', baseUrl, maxRetries: 0 });
  return { model: client.id, generate: (messages, config, signal) => client.generate(messages, config, signal), close: () => client.close() };
}

export interface OfflineTaskRun {
  /** The fake model every run talks to; its `bodies()` are the requests of all runs so far. */
  readonly server: FakeChatModel;
  readonly ctx: DatasetContext;
  /**
   * Runs `task` with `openai/fake` as the model and, for a model-graded task, its grader model id on the same
   * server, collecting every sample record; `services` are the clients of the outside scoring services it declares.
   */
  run(task: TaskDefinition, services?: ScoringServices): Promise<{ result: EvalRunResult; records: SampleRecord[] }>;
}

/**
 * Sets up, for the enclosing describe block (or file), an offline cache holding `files` (URL → fixture file name in
 * `fixtureDir`) and a fake model answering with `respond`; both are removed after its tests.
 */
export function offlineTaskRun(fixtureDir: string, files: Record<string, string>, respond: FakeChatModelOptions['respond']): OfflineTaskRun {
  let cache: OfflineCache | undefined;
  let server: FakeChatModel | undefined;
  beforeAll(async () => {
    cache = offlineCache(fixtureDir, files);
    server = await startFakeChatModel({ respond });
  });
  afterAll(async () => {
    await server?.close();
    cache?.remove();
  });
  const started = () => {
    if (!cache || !server) throw new Error('offlineTaskRun is used before its beforeAll ran');
    return { cache, server };
  };
  return {
    get server() {
      return started().server;
    },
    get ctx() {
      return started().cache.ctx;
    },
    async run(task, services) {
      const { cache, server } = started();
      const model = generatorFor('openai/fake', server.baseUrl);
      const grader = task.graderModel === undefined ? undefined : generatorFor(task.graderModel, server.baseUrl);
      const records: SampleRecord[] = [];
      try {
        const result = await runEval({ task, model, grader, services, datasetContext: cache.ctx, onSample: (r) => void records.push(r) });
        return { result, records };
      } finally {
        await Promise.all([model.close(), grader?.close()]);
      }
    },
  };
}
