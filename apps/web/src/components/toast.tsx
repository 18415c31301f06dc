/** Short confirmations and errors after an action (Radix Toast: announced, dismissable, paused on hover). */
import * as Toast from '@radix-ui/react-toast';
import { useSyncExternalStore } from 'react';

interface Item {
  id: number;
  title: string;
  description?: string;
  kind: 'ok' | 'error';
}

let items: Item[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function toast(title: string, description?: string, kind: Item['kind'] = 'ok'): void {
  items = [...items, { id: nextId++, title, description, kind }];
  emit();
}
export const toastError = (title: string, description?: string) => toast(title, description, 'error');

function dismiss(id: number) {
  items = items.filter((i) => i.id !== id);
  emit();
}

export function Toaster() {
  const list = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => items,
  );
  return (
    <Toast.Provider swipeDirection="right" duration={5000}>
      {list.map((t) => (
        <Toast.Root
          key={t.id}
          type={t.kind === 'error' ? 'foreground' : 'background'}
          onOpenChange={(open) => !open && dismiss(t.id)}
          className={`card flex items-start gap-3 p-3 shadow-lg ${t.kind === 'error' ? 'border-bad/50' : ''}`}
        >
          <div className="min-w-0 flex-1">
            <Toast.Title className={`text-sm font-semibold ${t.kind === 'error' ? 'text-bad' : ''}`}>{t.title}</Toast.Title>
            {t.description && <Toast.Description className="mt-0.5 text-sm text-muted">{t.description}</Toast.Description>}
          </div>
          <Toast.Close className="btn btn-sm btn-ghost" aria-label="Dismiss">
            ×
          </Toast.Close>
        </Toast.Root>
      ))}
      <Toast.Viewport className="fixed right-4 bottom-4 z-50 flex w-96 max-w-[calc(100vw-2rem)] flex-col gap-2 outline-none" />
    </Toast.Provider>
  );
}
