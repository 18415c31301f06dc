/** The Studio's pages and their URLs. Pages other than the runs list load on first visit (their own chunks). */
import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { currentSession } from './auth/session';
import { AppLayout, RootLayout } from './components/Layout';
import { NotFoundPage } from './pages/NotFoundPage';
import { RunsPage } from './pages/RunsPage';
import { parseRunsSearch } from './lib/runs-search';

const str = (v: unknown) => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined);
const clean = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'login',
  validateSearch: (raw: Record<string, unknown>): { redirect?: string; register?: boolean } =>
    clean({ redirect: str(raw.redirect)?.startsWith('/') ? str(raw.redirect) : undefined, register: raw.register === true || raw.register === 'true' ? true : undefined }),
  beforeLoad: ({ search }) => {
    if (currentSession()) throw redirect({ to: search.redirect ?? '/runs', replace: true });
  },
  component: lazyRouteComponent(() => import('./pages/LoginPage'), 'LoginPage'),
});

/** Every page but sign-in needs a session; without one the person is sent to sign in and brought back after. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: '_app',
  beforeLoad: ({ location }) => {
    if (!currentSession()) throw redirect({ to: '/login', search: { redirect: location.href }, replace: true });
  },
  component: AppLayout,
});

const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/runs', replace: true });
  },
});

const runsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'runs',
  validateSearch: parseRunsSearch,
  component: RunsPage,
});

const runRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'runs/$runId',
  component: lazyRouteComponent(() => import('./pages/RunPage'), 'RunPage'),
});

const VERDICTS = ['correct', 'incorrect', 'errored'] as const;

export interface SamplesSearch {
  verdict?: (typeof VERDICTS)[number];
  q?: string;
  /** `<id>:<epoch>` of the open sample */
  sample?: string;
}

const samplesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'runs/$runId/samples',
  validateSearch: (raw: Record<string, unknown>): SamplesSearch =>
    clean({
      verdict: VERDICTS.find((v) => v === raw.verdict),
      q: str(raw.q),
      sample: str(raw.sample),
    }),
  component: lazyRouteComponent(() => import('./pages/SamplesPage'), 'SamplesPage'),
});

const inspectRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'runs/$runId/inspect',
  validateSearch: (raw: Record<string, unknown>): { log?: string } => clean({ log: str(raw.log) }),
  component: lazyRouteComponent(() => import('./pages/InspectPage'), 'InspectPage'),
});

export interface NewRunSearch {
  /** Pre-fill from this run ("Run again with changes"). */
  from?: string;
  benchmark?: string;
  model?: string;
}

const newRunRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'new',
  validateSearch: (raw: Record<string, unknown>): NewRunSearch => clean({ from: str(raw.from), benchmark: str(raw.benchmark), model: str(raw.model) }),
  component: lazyRouteComponent(() => import('./pages/NewRunPage'), 'NewRunPage'),
});

const compareRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'compare',
  validateSearch: (raw: Record<string, unknown>): { ids?: string } => clean({ ids: str(raw.ids) }),
  component: lazyRouteComponent(() => import('./pages/ComparePage'), 'ComparePage'),
});

const analyticsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'leaderboard',
  validateSearch: (raw: Record<string, unknown>): { benchmark?: string; days?: number } => {
    const days = Number(raw.days);
    return clean({ benchmark: str(raw.benchmark), days: [7, 30, 90, 365].includes(days) ? days : undefined });
  },
  component: lazyRouteComponent(() => import('./pages/AnalyticsPage'), 'AnalyticsPage'),
});

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'settings',
  component: lazyRouteComponent(() => import('./pages/SettingsPage'), 'SettingsPage'),
});

const suitesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'suites',
  component: lazyRouteComponent(() => import('./pages/SuitesPage'), 'SuitesPage'),
});

const newSuiteRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'suites/new',
  // An eval group to run, picked from the New run page.
  validateSearch: (raw: Record<string, unknown>): { group?: string } => clean({ group: str(raw.group) }),
  component: lazyRouteComponent(() => import('./pages/NewSuitePage'), 'NewSuitePage'),
});

const suiteRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'suites/$suiteId',
  component: lazyRouteComponent(() => import('./pages/SuitePage'), 'SuitePage'),
});

const schedulesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'schedules',
  // `from`: the run whose configuration a new schedule starts from.
  validateSearch: (raw: Record<string, unknown>): { from?: string } => clean({ from: str(raw.from) }),
  component: lazyRouteComponent(() => import('./pages/SchedulesPage'), 'SchedulesPage'),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([indexRoute, runsRoute, runRoute, samplesRoute, inspectRoute, newRunRoute, suitesRoute, newSuiteRoute, suiteRoute, schedulesRoute, compareRoute, analyticsRoute, settingsRoute]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({ routeTree, context: { queryClient }, defaultPreload: 'intent', scrollRestoration: true });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
