/** Keyboard shortcuts: the app's global ones plus those the current page registers (`usePageShortcuts`). */
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import { createShortcutHandler, type Shortcut } from '../lib/shortcuts';

interface Registry {
  add(list: () => Shortcut[]): () => void;
  all(): Shortcut[];
}

const Ctx = createContext<Registry | null>(null);

export function ShortcutsProvider({ global, children }: { global: Shortcut[]; children: ReactNode }) {
  const globalRef = useRef(global);
  globalRef.current = global;
  const pages = useRef(new Set<() => Shortcut[]>());
  const registry = useRef<Registry>({
    add(list) {
      pages.current.add(list);
      return () => pages.current.delete(list);
    },
    // Page shortcuts first, so a page may take over a global key.
    all: () => [...[...pages.current].flatMap((l) => l()), ...globalRef.current],
  });
  useEffect(() => {
    const handler = createShortcutHandler(() => registry.current.all());
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  }, []);
  return <Ctx.Provider value={registry.current}>{children}</Ctx.Provider>;
}

/** Registers shortcuts while the calling page is mounted; `list` is read on every key press. */
export function usePageShortcuts(list: Shortcut[]): void {
  const registry = useContext(Ctx);
  const ref = useRef(list);
  ref.current = list;
  useEffect(() => registry?.add(() => ref.current), [registry]);
}

export function useAllShortcuts(): () => Shortcut[] {
  const registry = useContext(Ctx);
  return () => registry?.all() ?? [];
}
