/**
 * Keyboard shortcuts, including two-key sequences (`g d`), as the original Studio had them. Keys typed into a
 * text field, select or editable element are left alone (Escape excepted), as are keys with Ctrl, Alt or Meta
 * unless a binding asks for them.
 */
export interface Shortcut {
  /** `?`, `/`, `n`, `g d` (a sequence), `mod+a` (Ctrl or Cmd). */
  keys: string;
  description: string;
  /** Runs when the keys are pressed; return false to let the key through (no preventDefault). */
  run: (event: KeyboardEvent) => void | false;
}

export const SEQUENCE_TIMEOUT_MS = 1000;

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
}

const keyName = (e: KeyboardEvent) => (e.key.length === 1 ? e.key.toLowerCase() : e.key);

/** Returns a keydown listener that dispatches to `shortcuts` (read on every key, so the list may change). */
export function createShortcutHandler(shortcuts: () => Shortcut[], now: () => number = Date.now): (e: KeyboardEvent) => void {
  let pending: { key: string; at: number } | null = null;
  return (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.isComposing) return;
    const mod = e.ctrlKey || e.metaKey;
    if (isTypingTarget(e.target) && e.key !== 'Escape') return;
    const key = e.key === '?' || e.key === '/' ? e.key : keyName(e);
    const list = shortcuts();
    let combo = mod ? `mod+${key}` : e.altKey ? `alt+${key}` : key;
    if (!mod && !e.altKey && pending && now() - pending.at <= SEQUENCE_TIMEOUT_MS) {
      const sequence = `${pending.key} ${key}`;
      if (list.some((s) => s.keys === sequence)) combo = sequence;
    }
    pending = null;
    const match = list.find((s) => s.keys === combo);
    if (match) {
      if (match.run(e) !== false) e.preventDefault();
      return;
    }
    if (!mod && !e.altKey && list.some((s) => s.keys.startsWith(`${key} `))) pending = { key, at: now() };
  };
}

/** How a binding is written in the help dialog: `g d` → [`g`, `d`], `mod+a` → [`Ctrl`, `A`]. */
export function keyCaps(keys: string, mac = false): string[] {
  if (keys.startsWith('mod+')) return [mac ? '⌘' : 'Ctrl', keys.slice(4).toUpperCase()];
  return keys.split(' ');
}
