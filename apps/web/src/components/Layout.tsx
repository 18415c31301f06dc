/** The page frame: header navigation, account and theme menus, shortcuts and their help, session expiry. */
import * as Dialog from '@radix-ui/react-dialog';
import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import * as Tooltip from '@radix-ui/react-tooltip';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useMe } from '../api/queries';
import { SESSION_EXPIRED, signOut, useSession } from '../auth/session';
import { keyCaps, type Shortcut } from '../lib/shortcuts';
import { setThemeChoice, useTheme, type ThemeChoice } from '../lib/theme';
import { ShortcutsProvider, useAllShortcuts } from './shortcuts-context';
import { Toaster } from './toast';

export function RootLayout() {
  return (
    <Tooltip.Provider delayDuration={300}>
      <Outlet />
      <Toaster />
    </Tooltip.Provider>
  );
}

const NAV = [
  { to: '/runs', label: 'Runs' },
  { to: '/new', label: 'New run' },
  { to: '/suites', label: 'Suites' },
  { to: '/schedules', label: 'Schedules' },
  { to: '/compare', label: 'Compare' },
  { to: '/leaderboard', label: 'Leaderboard' },
  { to: '/settings', label: 'Settings' },
] as const;

/** Sends the person to sign in when the session ends: expiry (timer), a 401 (client.ts) or sign-out in another tab. */
function useSessionGuard() {
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const href = useRef('');
  href.current = useRouterState({ select: (s) => s.location.href });
  useEffect(() => {
    if (!session) {
      queryClient.clear();
      void navigate({ to: '/login', search: { redirect: href.current }, replace: true });
      return;
    }
    if (session.expiresAt === null) return;
    const ms = session.expiresAt - Date.now();
    // setTimeout fires at once for delays past 2^31-1 ms; a token that far from expiry is checked again on reload.
    if (ms > 2_147_483_647) return;
    const timer = setTimeout(() => signOut(SESSION_EXPIRED), Math.max(0, ms));
    return () => clearTimeout(timer);
  }, [session, navigate, queryClient]);
}

export function AppLayout() {
  useSessionGuard();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [helpOpen, setHelpOpen] = useState(false);

  const global = useMemo<Shortcut[]>(
    () => [
      { keys: 'g d', description: 'Go to runs', run: () => void navigate({ to: '/runs' }) },
      { keys: 'g n', description: 'Go to new run', run: () => void navigate({ to: '/new' }) },
      { keys: 'n', description: 'New run', run: () => void navigate({ to: '/new' }) },
      { keys: 'g c', description: 'Go to compare', run: () => void navigate({ to: '/compare' }) },
      { keys: 'g l', description: 'Go to leaderboard', run: () => void navigate({ to: '/leaderboard' }) },
      { keys: 'g s', description: 'Go to settings', run: () => void navigate({ to: '/settings' }) },
      {
        keys: '/',
        description: 'Focus search',
        run: () => {
          const el = document.querySelector<HTMLElement>('[data-search]');
          if (!el) return false;
          el.focus();
        },
      },
      { keys: 'r', description: 'Refresh data', run: () => void queryClient.invalidateQueries() },
      { keys: '?', description: 'Show keyboard shortcuts', run: () => setHelpOpen(true) },
    ],
    [navigate, queryClient],
  );

  return (
    <ShortcutsProvider global={global}>
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-surface focus:px-3 focus:py-2">
        Skip to content
      </a>
      <Header onHelp={() => setHelpOpen(true)} />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-[1400px] px-4 py-6 outline-none sm:px-6">
        <Outlet />
      </main>
      <ShortcutsHelp open={helpOpen} onOpenChange={setHelpOpen} />
    </ShortcutsProvider>
  );
}

function Header({ onHelp }: { onHelp: () => void }) {
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  return (
    <header className="sticky top-0 z-30 border-b border-border bg-surface/95 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-[1400px] items-center gap-4 px-4 sm:px-6">
        <Link to="/runs" className="flex shrink-0 items-center gap-2 font-semibold">
          <img src="/favicon.svg" alt="" className="h-6 w-6" />
          <span className="hidden sm:inline">OpenBench Studio</span>
        </Link>
        <nav aria-label="Main" className="flex min-w-0 flex-1 items-center gap-1 overflow-x-auto">
          {NAV.map((item) => {
            const active = pathname === item.to || pathname.startsWith(`${item.to}/`);
            return (
              <Link
                key={item.to}
                to={item.to}
                aria-current={active ? 'page' : undefined}
                className={`rounded-md px-2.5 py-1.5 text-sm whitespace-nowrap ${active ? 'bg-accent-soft font-semibold text-accent' : 'text-muted hover:bg-surface-2 hover:text-fg'}`}
              >
                {item.label}
              </Link>
            );
          })}
        </nav>
        <div className="flex shrink-0 items-center gap-1">
          <button type="button" className="btn btn-ghost btn-sm" onClick={onHelp} aria-label="Keyboard shortcuts">
            <span aria-hidden="true" className="kbd">?</span>
          </button>
          <ThemeMenu />
          <AccountMenu />
        </div>
      </div>
    </header>
  );
}

const THEMES: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

const menuContent = 'card z-50 min-w-44 p-1 shadow-lg';
const menuItem = 'flex cursor-default items-center gap-2 rounded px-2 py-1.5 text-sm outline-none select-none data-[highlighted]:bg-accent-soft data-[highlighted]:text-accent';

function ThemeMenu() {
  const { choice, resolved } = useTheme();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="btn btn-ghost btn-sm" aria-label={`Theme: ${choice} (${resolved})`}>
        <span aria-hidden="true">{resolved === 'dark' ? '☾' : '☀'}</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className={menuContent}>
          <DropdownMenu.Label className="px-2 py-1 text-xs font-semibold text-muted">Theme</DropdownMenu.Label>
          <DropdownMenu.RadioGroup value={choice} onValueChange={(v) => setThemeChoice(v as ThemeChoice)}>
            {THEMES.map((t) => (
              <DropdownMenu.RadioItem key={t.value} value={t.value} className={menuItem}>
                <span className="w-3">
                  <DropdownMenu.ItemIndicator>✓</DropdownMenu.ItemIndicator>
                </span>
                {t.label}
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

function AccountMenu() {
  const me = useMe();
  const navigate = useNavigate();
  const email = me.data?.email;
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="btn btn-ghost btn-sm max-w-48" aria-label={email ? `Account: ${email}` : 'Account'}>
        <span aria-hidden="true" className="flex h-6 w-6 items-center justify-center rounded-full bg-accent-soft text-xs font-semibold text-accent uppercase">
          {email?.[0] ?? '·'}
        </span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className={menuContent}>
          <DropdownMenu.Label className="truncate px-2 py-1 text-xs text-muted">{email ?? 'Signed in'}</DropdownMenu.Label>
          <DropdownMenu.Item className={menuItem} onSelect={() => void navigate({ to: '/settings' })}>
            Settings
          </DropdownMenu.Item>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Item className={menuItem} onSelect={() => signOut()}>
            Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

function ShortcutsHelp({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const all = useAllShortcuts();
  const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
  const list = open ? all() : [];
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <Dialog.Content className="card fixed top-1/2 left-1/2 z-50 max-h-[85vh] w-[30rem] max-w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto p-5 shadow-xl">
          <Dialog.Title className="text-base font-semibold">Keyboard shortcuts</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-muted">Keys work anywhere outside a text field. Escape closes dialogs and menus.</Dialog.Description>
          <table className="mt-4 w-full text-sm">
            <tbody>
              {list.map((s) => (
                <tr key={s.keys} className="border-t border-border">
                  <td className="py-1.5 pr-4 whitespace-nowrap">
                    {keyCaps(s.keys, mac).map((k, i) => (
                      <kbd key={i} className="kbd mr-1">
                        {k}
                      </kbd>
                    ))}
                  </td>
                  <td className="py-1.5">{s.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="mt-4 flex justify-end">
            <Dialog.Close className="btn">Close</Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
