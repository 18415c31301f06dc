/** A run from its settings: task, plan, runner options, `.eval` log spec and stored results, in one place. */
export { EvalSession, modelGenerator, storedRunLogStart, type HostClientDefaults, type SessionClientOptions, type SessionRunInput } from './eval.session';
export { evalSettings, maxConnectionsOf, runGenerateConfig, type EvalSettings } from './eval-settings';
export { evalLogFinish, evalLogStart, newEvalLogIdentity, type EvalLogIdentity, type EvalLogStart } from './eval-log-spec.builder';
export { storedResults, storedSampleScore, type StoredSample } from './stored-results.builder';
export { STUDIO_VERSION } from './studio.version';
export { IMAGE_DATA_REMOVED, storableRecord } from './stored-record';
export { contextWindowCheck } from './context-window.guard';
