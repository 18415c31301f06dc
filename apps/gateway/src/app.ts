import { randomUUID } from 'node:crypto';
import cors from 'cors';
import express, { type Express, type RequestHandler } from 'express';
import swaggerUi from 'swagger-ui-express';
import { requestContext } from '@studio/runtime';
import { RegisterRoutes } from '../build/routes';
import spec from '../build/swagger.json';
import type { AppDeps } from './deps';
import { requireJsonBody } from './common/json-body.middleware';
import { rejectUnrepresentableValues } from './common/request-values.middleware';
import { apiNotFound, errorHandler } from './errors/error-handler';
import { redocHtml, redocScriptPath } from './docs/redoc';
import { mountRunArtifactRoutes } from './runs/run-artifact.route';
import { mountAdminRoutes } from './admin/admin-queues.route';
import { recordRouteBase } from './metrics/gateway-metrics';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function requestId(): RequestHandler {
  return (req, res, next) => {
    const incoming = req.header('X-Request-Id');
    const id = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', id);
    requestContext.run({ requestId: id }, next);
  };
}

function accessLog(deps: AppDeps): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      deps.logger.http('request', { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 });
    });
    next();
  };
}

/** Builds the HTTP app around already-created dependencies (tests build several against one Redis). */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.locals.deps = deps;
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy);

  app.use(requestId());
  app.use(deps.metrics.observeRequests());
  app.use(accessLog(deps));
  app.use(deps.lifecycle.trackEventStreams());
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  app.use(cors({ origin: deps.config.corsOrigins, credentials: true, exposedHeaders: ['X-Request-Id', 'Retry-After'] }));
  app.use('/api', requireJsonBody);
  app.use(express.json({ limit: deps.config.bodyLimit, strict: true }));

  app.get('/openapi.json', (_req, res) => {
    res.json(spec);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(spec, { customSiteTitle: 'OpenBench Studio API' }));
  app.get('/redoc', (_req, res) => {
    res.type('html').send(redocHtml('/openapi.json', '/redoc/redoc.standalone.js'));
  });
  app.get('/redoc/redoc.standalone.js', (_req, res) => {
    res.sendFile(redocScriptPath(), { dotfiles: 'allow', maxAge: '1d' });
  });

  mountAdminRoutes(app, deps);

  const api = express.Router();
  api.use(recordRouteBase);
  api.use(rejectUnrepresentableValues);
  // Multi-segment artifact paths (`logs/x.eval`) need plain routes, matched before tsoa's.
  mountRunArtifactRoutes(api);
  RegisterRoutes(api);
  api.use(apiNotFound);
  app.use('/api', api);

  app.use(errorHandler(deps.logger));
  return app;
}
