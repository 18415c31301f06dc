import express from 'express';
import { ValidateError } from '@tsoa/runtime';
import request from 'supertest';
import winston from 'winston';
import { Writable } from 'node:stream';
import { requestContext } from '@studio/runtime';
import { AppError } from './app-error';
import { errorHandler } from './error-handler';

function appWith(route: express.RequestHandler) {
  const lines: string[] = [];
  const logger = winston.createLogger({
    format: winston.format.json(),
    transports: [new winston.transports.Stream({ stream: new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }) })],
  });
  const app = express();
  app.use((_req, res, next) => {
    res.setHeader('X-Request-Id', 'req-123');
    requestContext.run({ requestId: 'req-123' }, next);
  });
  app.get('/boom', route);
  app.use(errorHandler(logger));
  return { app, lines };
}

test('an unexpected error is a 500 SERVER_ERROR naming the request id; internals are logged, never echoed', async () => {
  const { app, lines } = appWith(() => {
    throw new Error('connection to 10.0.0.5 refused, secret=hunter2');
  });
  const res = await request(app).get('/boom');
  expect(res.status).toBe(500);
  expect(res.body).toEqual({ code: 'SERVER_ERROR', detail: 'Internal server error (request id req-123)' });
  expect(res.text).not.toMatch(/hunter2|10\.0\.0\.5|at .*\.ts/);
  expect(lines.join('')).toContain('connection to 10.0.0.5 refused');
});

test('an async rejection is handled the same way', async () => {
  const { app } = appWith(async () => {
    await Promise.reject(new TypeError('undefined is not a function'));
  });
  const res = await request(app).get('/boom');
  expect(res.status).toBe(500);
  expect(res.body.code).toBe('SERVER_ERROR');
});

test('an AppError keeps its status, code, fields and headers', async () => {
  const { app } = appWith(() => {
    throw new AppError('RATE_LIMITED', 'slow down', { headers: { 'Retry-After': '7' }, fields: [{ field: 'x', message: 'y' }] });
  });
  const res = await request(app).get('/boom');
  expect(res.status).toBe(429);
  expect(res.headers['retry-after']).toBe('7');
  expect(res.body).toEqual({ code: 'RATE_LIMITED', detail: 'slow down', fields: [{ field: 'x', message: 'y' }] });
});

test("tsoa's union failures are reported where they failed, inside the value when every member failed there", async () => {
  const union = (issues: object[]) => ({ message: `Could not match the union against any of the items. Issues: ${JSON.stringify(issues)}`, value: 'secret-value' });
  const nullBranch = { message: 'should be one of the following; [null]', value: 'secret-value' };
  const { app } = appWith(() => {
    throw new ValidateError(
      {
        'requestBody.task_args': union([{ 'requestBody.task_args.subset': { message: 'invalid string value', value: 5 } }, { 'requestBody.task_args': nullBranch }]),
        'requestBody.base_url': union([{ 'requestBody.base_url': { message: 'maxLength 2048', value: 'secret-value' } }, { 'requestBody.base_url': nullBranch }]),
        'requestBody.limit': union([{ 'requestBody.limit': { message: 'invalid integer number' } }, { 'requestBody.limit': { message: 'invalid string value', value: [] } }]),
      },
      'validation',
    );
  });
  const res = await request(app).get('/boom');
  expect(res.body.fields).toEqual([
    { field: 'task_args.subset', message: 'must be a string, got a number' },
    { field: 'base_url', message: 'maxLength 2048' },
    { field: 'limit', message: 'invalid integer number or must be a string, got an array' },
  ]);
  expect(res.text).not.toContain('secret-value');
});
