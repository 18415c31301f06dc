/**
 * The yardstick of the run-list bench: a bare Express route running the same lean query as `GET /api/runs`
 * (`listRuns` of @studio/db, page 1 of 50 by creation time, newest first) for one user named on the command line,
 * without authentication, validation or any other middleware. Run as its own process (`fork`); it reports its port
 * over IPC. Arguments: database URL, user id.
 */
import { createDb, listRuns } from '@studio/db';
import express from 'express';
import type { AddressInfo } from 'node:net';

const [databaseUrl, userId] = process.argv.slice(2);
const db = createDb(databaseUrl, { max: 10 });
const app = express();
app.get('/runs', async (_req, res) => {
  const { rows, total } = await listRuns(db, { viewerId: userId, page: 1, perPage: 50, sortBy: 'created_at', sortOrder: 'desc' });
  res.json({ runs: rows, total, page: 1, per_page: 50, has_more: total > 50 });
});
const server = app.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('disconnect', () => process.exit(0));
