import { describe, expect, it, vi } from 'vitest';
import { createShortcutHandler, keyCaps, type Shortcut } from './shortcuts';

function press(handler: (e: KeyboardEvent) => void, key: string, init: KeyboardEventInit = {}, target: EventTarget = document.body) {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  Object.defineProperty(e, 'target', { value: target });
  handler(e);
  return e;
}

function setup() {
  const calls: string[] = [];
  let clock = 0;
  const list: Shortcut[] = ['g d', 'g n', 'n', '?', '/', 'mod+a', 'Escape'].map((keys) => ({
    keys,
    description: keys,
    run: () => void calls.push(keys),
  }));
  const handler = createShortcutHandler(() => list, () => clock);
  return { calls, handler, tick: (ms: number) => (clock += ms) };
}

describe('shortcuts', () => {
  it('runs single keys and two-key sequences', () => {
    const { calls, handler } = setup();
    press(handler, 'n');
    press(handler, 'g');
    press(handler, 'd');
    press(handler, '?', { shiftKey: true });
    expect(calls).toEqual(['n', 'g d', '?']);
  });
  it('forgets the first key of a sequence after a second', () => {
    const { calls, handler, tick } = setup();
    press(handler, 'g');
    tick(1500);
    press(handler, 'n');
    expect(calls).toEqual(['n']);
  });
  it('leaves keys typed into text fields alone, but not Escape', () => {
    const { calls, handler } = setup();
    const input = document.createElement('input');
    press(handler, 'n', {}, input);
    press(handler, 'Escape', {}, input);
    const checkbox = Object.assign(document.createElement('input'), { type: 'checkbox' });
    press(handler, 'n', {}, checkbox);
    expect(calls).toEqual(['Escape', 'n']);
  });
  it('matches Ctrl or Cmd combinations and prevents the browser default', () => {
    const { calls, handler } = setup();
    const e = press(handler, 'a', { ctrlKey: true });
    press(handler, 'a', { metaKey: true });
    expect(calls).toEqual(['mod+a', 'mod+a']);
    expect(e.defaultPrevented).toBe(true);
    press(handler, 'n', { ctrlKey: true });
    expect(calls).toHaveLength(2);
  });
  it('lets a binding pass the key through', () => {
    const run = vi.fn(() => false as const);
    const handler = createShortcutHandler(() => [{ keys: 'x', description: '', run }]);
    expect(press(handler, 'x').defaultPrevented).toBe(false);
    expect(run).toHaveBeenCalled();
  });
  it('writes key caps', () => {
    expect(keyCaps('g d')).toEqual(['g', 'd']);
    expect(keyCaps('mod+a', true)).toEqual(['⌘', 'A']);
  });
});
