/** Inspect's names, ids and timestamps: archive members, log file names, shortuuid ids. */
import { randomFillSync } from 'node:crypto';

/** Members of a `.eval` archive (`inspect_ai/log/_recorders/eval.py`). */
export const EVAL_LOG_MEMBERS = {
  /** The final EvalLog without samples and reductions; absent while the run is in progress. */
  header: 'header.json',
  /** `{version, eval, plan}`, written when the run starts. */
  start: '_journal/start.json',
  /** `_journal/summaries/<n>.json`: the summaries of each batch of samples, n counting from 1. */
  journalSummariesDir: '_journal/summaries/',
  summaries: 'summaries.json',
  reductions: 'reductions.json',
  samplesDir: 'samples/',
} as const;

/** `samples/<id>_epoch_<epoch>.json`; ids are matched in string form, so 1 and "1" name the same member. */
export function sampleMemberName(id: string | number, epoch: number): string {
  return `${EVAL_LOG_MEMBERS.samplesDir}${id}_epoch_${epoch}.json`;
}

/** shortuuid's default alphabet: digits and letters without the look-alikes 0, 1, I, O and l. */
const BASE57_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
/** ceil(log57(2^128)): every 128-bit uuid fits in 22 base57 digits. */
const SHORT_UUID_LENGTH = 22;
/** Two base57 digits per division step: 57². */
const DIGIT_PAIR = 57 * 57;
const WORD = 0x1_0000_0000;
/** Random bytes for ids, drawn from the system in blocks: one call per 256 ids instead of one per id. */
const randomPool = Buffer.alloc(16 * 256);
let randomOffset = randomPool.length;

/**
 * A random id like Inspect's `eval_id`, `run_id`, `task_id` and sample `uuid`: shortuuid's
 * `uuid()`, a version 4 uuid written in base57. Every message and event of a sample needs one,
 * so the uuid's 128 bits go straight from random bytes to base57, without its hex text.
 */
export function newShortUuid(): string {
  if (randomOffset === randomPool.length) {
    randomFillSync(randomPool);
    randomOffset = 0;
  }
  const at = randomOffset;
  randomOffset += 16;
  return encodeWords([
    randomPool.readUInt32BE(at),
    // Version 4 in the high nibble of byte 6, the RFC 4122 variant (binary 10) in the top bits of byte 8.
    (((randomPool.readUInt32BE(at + 4) & 0xffff0fff) | 0x00004000) >>> 0),
    (((randomPool.readUInt32BE(at + 8) & 0x3fffffff) | 0x80000000) >>> 0),
    randomPool.readUInt32BE(at + 12),
  ]);
}

/**
 * shortuuid's `encode`: the 128-bit value of a uuid (`xxxxxxxx-xxxx-...`) in base57, most
 * significant digit first, padded with the zero digit '2' to 22 characters.
 */
export function encodeShortUuid(uuid: string): string {
  const hex = uuid.replaceAll('-', '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new RangeError(`not a uuid: ${uuid}`);
  return encodeWords([0, 8, 16, 24].map((i) => parseInt(hex.slice(i, i + 8), 16)));
}

/**
 * Base57 digits of a 128-bit value given as four 32-bit words, most significant first, by long
 * division by 57²: remainder * 2^32 + word < 57² * 2^32 < 2^53, so every step is exact in doubles,
 * and 11 steps give the 22 digits (leading zero digits included, which is shortuuid's padding).
 */
function encodeWords(words: number[]): string {
  const digits = new Array<string>(SHORT_UUID_LENGTH);
  for (let pos = SHORT_UUID_LENGTH - 2; pos >= 0; pos -= 2) {
    let remainder = 0;
    for (let i = 0; i < 4; i++) {
      const current = remainder * WORD + words[i]!;
      const quotient = Math.floor(current / DIGIT_PAIR);
      remainder = current - quotient * DIGIT_PAIR;
      words[i] = quotient;
    }
    const high = Math.floor(remainder / 57);
    digits[pos] = BASE57_ALPHABET[high]!;
    digits[pos + 1] = BASE57_ALPHABET[remainder - high * 57]!;
  }
  return digits.join('');
}

/**
 * A timestamp the way Inspect writes them: UTC with an explicit `+00:00` offset, in whole seconds
 * (`created`, run stats) or with microseconds (samples, events).
 */
export function toInspectTimestamp(at: Date | number, precision: 'seconds' | 'microseconds'): string {
  const iso = new Date(at).toISOString(); // 2025-12-19T12:37:50.892Z
  const seconds = iso.slice(0, 19);
  return precision === 'seconds' ? `${seconds}+00:00` : `${seconds}${iso.slice(19, 23)}000+00:00`;
}

/**
 * Inspect's log file name `<created>_<task>_<task_id>.eval` (`FileRecorder._log_file_key`).
 * The task loses its package prefix (`inspect_evals/mmlu_0_shot` → `mmlu_0_shot`, but `hf/...`
 * stays whole), then each component has `_`, `/`, `:` and `+` replaced by `-`, so the name splits
 * back on `_`: `2025-02-11T15:18:04-05:00` becomes `2025-02-11T15-18-04-05-00`.
 */
export function evalLogFileName(created: string, task: string, taskId: string): string {
  return `${cleanComponent(created)}_${cleanComponent(taskDisplayName(task))}_${cleanComponent(taskId)}.eval`;
}

/** Inspect `clean_filename_component`; `+` joined the list after 0.3.141 (PR #3515), since `+` breaks URLs. */
function cleanComponent(component: string): string {
  return component.replace(/[_/:+]/g, '-');
}

/** Inspect `task_display_name`: drops the first `/`-separated segment (the package), except for `hf/` tasks. */
function taskDisplayName(task: string): string {
  if (task.startsWith('hf/')) return task;
  const slash = task.indexOf('/');
  return slash === -1 ? task : task.slice(slash + 1);
}
