/**
 * Redaction of API keys from provider text (error bodies, messages) before it is stored or logged. Providers echo
 * keys in many forms: whole, truncated or masked (`sk-proj-abc***wxyz`), without their prefix, upper-cased, inside a
 * base64 `Authorization: Basic` value. Any run of text that reproduces 8 or more consecutive characters of a key,
 * in any letter case, or of its base64/base64url/hex encoding, is replaced, as are key-shaped tokens of the common
 * providers whether or not they are this run's key.
 */

export type Redactor = (text: string) => string;

export const REDACTED = '[redacted]';
/** Shortest run of a key's characters that counts as quoting it: long enough that ordinary words never match. */
const WINDOW = 8;
/** A secret shorter than this is matched only whole (it is not a key, but still must not be shown). */
const MIN_SECRET = 4;

// OpenAI/Anthropic-style `sk-...` (masked ones too), Google `AIza...`, AWS access key ids (long-term and session).
const KEY_SHAPES = /\b(?:sk-[A-Za-z0-9_*\-]{6,}|AIza[0-9A-Za-z_\-]{10,}|(?:AKIA|ASIA)[0-9A-Z]{16})/g;

/** ASCII-only lower case keeps every index of the text where it was (String#toLowerCase may not). */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}

/** The forms a key may be quoted in; base64 at each of the three byte alignments, so a key inside a longer encoded value matches too. */
function encodings(secret: string): string[] {
  const forms = [secret, Buffer.from(secret).toString('hex')];
  for (let offset = 0; offset < 3; offset++) {
    const base64 = Buffer.from(secret.slice(offset)).toString('base64').replace(/=+$/, '');
    forms.push(base64, base64.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return forms;
}

export function createRedactor(secrets: readonly string[]): Redactor {
  const windows = new Set<string>();
  const whole: string[] = [];
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET) continue;
    if (secret.length < WINDOW) {
      whole.push(secret);
      continue;
    }
    for (const form of encodings(secret)) {
      const lower = asciiLower(form);
      for (let i = 0; i + WINDOW <= lower.length; i++) windows.add(lower.slice(i, i + WINDOW));
    }
  }
  return (text) => {
    let out = text;
    if (windows.size > 0 && out.length >= WINDOW) out = maskWindows(out, windows);
    for (const secret of whole) out = out.split(secret).join(REDACTED);
    return out.replace(KEY_SHAPES, REDACTED);
  };
}

/** Replaces every maximal run of text covered by windows of a key's forms. */
function maskWindows(text: string, windows: ReadonlySet<string>): string {
  const lower = asciiLower(text);
  let coveredUntil = -1;
  let runStart = -1;
  const runs: [number, number][] = [];
  for (let i = 0; i + WINDOW <= lower.length; i++) {
    if (!windows.has(lower.slice(i, i + WINDOW))) continue;
    if (i > coveredUntil) {
      if (runStart >= 0) runs.push([runStart, coveredUntil]);
      runStart = i;
    }
    coveredUntil = i + WINDOW;
  }
  if (runStart < 0) return text;
  runs.push([runStart, coveredUntil]);
  let out = '';
  let last = 0;
  for (const [start, end] of runs) {
    out += text.slice(last, start) + REDACTED;
    last = end;
  }
  return out + text.slice(last);
}

/** One-off redaction; build a Redactor once when the same secrets redact many texts. */
export function redact(text: string, secrets: readonly string[]): string {
  return createRedactor(secrets)(text);
}
