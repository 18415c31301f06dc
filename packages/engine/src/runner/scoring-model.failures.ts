import { isProviderError, ProviderError } from '@studio/providers';
import type { Generator } from '../types';
import { errorMessage } from './sample.solver';

/**
 * `generator`, whose failures say whose call failed ("grader openai/gpt-4.1 failed: …"): a grader's or a judge's
 * error is otherwise worded as the model under test's would be. A provider error keeps its kind, so a fatal one (a bad
 * key) still ends the run; a cancelled call's error is passed on as it is. Only the message changes, built from the
 * client's already redacted one, and hosts redact it again before storing it.
 */
export function namingFailures(generator: Generator, who: string): Generator {
  return {
    model: generator.model,
    async generate(messages, config, signal) {
      try {
        return await generator.generate(messages, config, signal);
      } catch (err) {
        if (signal?.aborted) throw err;
        const message = `${who} ${generator.model} failed: ${errorMessage(err)}`;
        if (!isProviderError(err)) throw new Error(message, { cause: err });
        const { kind, provider, status, retryAfterMs, retryable, fatal } = err;
        throw new ProviderError({ kind, provider, status, retryAfterMs, retryable, fatal, message, cause: err });
      }
    },
  };
}

/** Each judge naming its failures by role; roles are the task's short names, written as its paper does (RACE, FACT). */
export function judgesNamingFailures(judges: Readonly<Record<string, Generator>>): Record<string, Generator> {
  return Object.fromEntries(Object.entries(judges).map(([role, judge]) => [role, namingFailures(judge, `${role.toUpperCase()} judge`)]));
}
