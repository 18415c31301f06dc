/**
 * The queue dashboard (bull-board) at /admin/queues, for administrators signed in with the admin session cookie,
 * plus the sign-in page at /admin/login. The dashboard is read-only: Postgres is the truth about runs, so jobs are
 * never retried, removed or cleaned behind the runs' backs; runs are canceled or deleted through the API.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Express } from 'express';
import type { AppDeps } from '../deps';
import { adminLoginPage } from './admin-login.page';
import { ADMIN_COOKIE_PATH, requireAdminSession } from './admin-session';

export const ADMIN_QUEUES_PATH = `${ADMIN_COOKIE_PATH}/queues`;

export function mountAdminRoutes(app: Express, deps: AppDeps): void {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(ADMIN_QUEUES_PATH);
  createBullBoard({
    queues: [
      new BullMQAdapter(deps.runQueue, {
        readOnlyMode: true,
        allowRetries: false,
        description: 'Benchmark runs: job id = run id, name = benchmark · model; progress mirrors the run',
      }),
    ],
    serverAdapter,
    options: { uiConfig: { boardTitle: 'OpenBench queues' } },
  });
  app.get(`${ADMIN_COOKIE_PATH}/login`, (req, res) => {
    const next = typeof req.query.next === 'string' ? req.query.next : ADMIN_QUEUES_PATH;
    res.type('html').setHeader('Cache-Control', 'no-store').send(adminLoginPage(next));
  });
  app.use(ADMIN_QUEUES_PATH, requireAdminSession(deps), serverAdapter.getRouter());
}
