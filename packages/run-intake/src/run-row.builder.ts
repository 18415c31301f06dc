import { randomUUID } from 'node:crypto';
import type { RunConfig } from '@studio/contracts';
import type { NewRun } from '@studio/db';
import { newShortUuid } from '@studio/engine';
import { InvalidRunRequest, type RunRequest } from './run-request';

/** The tag every run a schedule's tick starts carries. */
export const scheduleTag = (scheduleId: string) => `schedule:${scheduleId}`;

export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 64;

/** Trimmed, lower-cased, empty dropped, de-duplicated, sorted (code-point order, locale independent). */
export function normaliseTags(tags: readonly string[]): string[] {
  const unique = new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean));
  return [...unique].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Tags as stored: normalised, then refused when too many or too long. */
export function checkTags(tags: readonly string[]): string[] {
  const normalised = normaliseTags(tags);
  if (normalised.length > MAX_TAGS) throw new InvalidRunRequest('tags', `at most ${MAX_TAGS} tags`);
  const long = normalised.find((t) => t.length > MAX_TAG_LENGTH);
  if (long !== undefined) throw new InvalidRunRequest('tags', `tags are at most ${MAX_TAG_LENGTH} characters ("${long.slice(0, 20)}…" is longer)`);
  return normalised;
}

/** The row of a new queued run of `config`, with the request's tags (and `extraTags`: `suite:<id>`, `schedule:<id>`) and notes. */
export function newRunRow(userId: string, config: RunConfig, options: Pick<RunRequest, 'tags' | 'notes'>, extraTags: readonly string[] = []): NewRun {
  return {
    run_id: randomUUID(),
    user_id: userId,
    benchmark: config.benchmark,
    model: config.model,
    config,
    tags: checkTags([...(options.tags ?? []), ...extraTags]),
    notes: options.notes?.trim() || null,
    eval_id: newShortUuid(),
    task_id: newShortUuid(),
  };
}
