/**
 * Artifact paths have several segments (`logs/<file>.eval`) that clients send unencoded, which a tsoa
 * path parameter cannot match. These plain Express routes take the multi-segment form, call the same
 * service as RunArtifactController (which documents the endpoints and serves single-segment or
 * `%2F`-encoded paths) and must be registered before the tsoa routes.
 */
import type { NextFunction, Request, Response, Router } from 'express';
import type { Readable } from 'node:stream';
import type { Logger } from '@studio/runtime';
import { expressAuthentication } from '../auth/authentication';
import type { AppDeps } from '../deps';
import { AppError, validationError } from '../errors/app-error';
import { RunArtifactService, type Artifact } from './run-artifacts.service';
import { READ } from '../auth/token-scopes';

/** Headers a browser script (the Inspect log viewer on the web app's origin) must be able to read. */
const EXPOSED = ['Content-Length', 'Content-Range', 'Accept-Ranges', 'ETag', 'Content-Disposition'];

/** If-Range holds when it names our entity tag (a date, or a weak tag, never matches: we send no Last-Modified). */
function ifRangeHolds(req: Request, etag: string): boolean {
  const condition = req.header('If-Range');
  return condition === undefined || condition.trim() === etag;
}

/**
 * The one byte range to send, or undefined for the whole artifact: without a `Range`, with several ranges or a
 * malformed one (which HTTP lets a server ignore), or when `If-Range` no longer matches. Unsatisfiable: 416.
 */
function requestedRange(req: Request, artifact: Artifact): { start: number; end: number } | undefined {
  if (req.headers.range === undefined || !ifRangeHolds(req, artifact.etag)) return undefined;
  const ranges = req.range(artifact.size, { combine: true });
  if (ranges === -1) {
    throw new AppError('VALIDATION_ERROR', `Range not satisfiable: the artifact has ${artifact.size} bytes`, {
      status: 416,
      headers: { 'Content-Range': `bytes */${artifact.size}` },
    });
  }
  if (!Array.isArray(ranges) || ranges.type !== 'bytes' || ranges.length !== 1) return undefined;
  return ranges[0];
}

/**
 * Answers a download of `artifact` (GET or HEAD) with HTTP's caching and range semantics: `ETag` and
 * `If-None-Match` (304), `Accept-Ranges: bytes` and a single `Range` (206 with `Content-Range`; 416 when
 * unsatisfiable), `Content-Length` always, the same headers for HEAD. Returns the body to send, or nothing when
 * the response is already complete (HEAD, 304). The body is produced while it is sent: a failure midway cuts
 * the connection (the client sees a truncated download, not a 200 that looks complete), and a client that goes
 * away stops the reads behind it.
 */
export function sendArtifact(req: Request, res: Response, artifact: Artifact, logger: Logger): Readable | undefined {
  res.setHeader('ETag', artifact.etag);
  // Stored artifacts are rebuilt when their run changes (tags): revalidate with the ETag every time.
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Accept-Ranges', 'bytes');
  if (res.getHeader('Access-Control-Allow-Origin') !== undefined) {
    const exposed = String(res.getHeader('Access-Control-Expose-Headers') ?? '');
    res.setHeader('Access-Control-Expose-Headers', [exposed, ...EXPOSED].filter(Boolean).join(', '));
  }
  if (req.fresh) {
    res.status(304).end();
    return undefined;
  }
  const range = requestedRange(req, artifact);
  const start = range?.start ?? 0;
  const end = range?.end ?? artifact.size - 1;
  res.status(range ? 206 : 200);
  if (range) res.setHeader('Content-Range', `bytes ${start}-${end}/${artifact.size}`);
  res.setHeader('Content-Type', artifact.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${artifact.filename}"`);
  res.setHeader('Content-Length', String(end - start + 1));
  if (req.method === 'HEAD') {
    res.end();
    return undefined;
  }
  const body = artifact.read(start, end);
  body.on('error', (error) => {
    logger.error('artifact stream failed', { filename: artifact.filename, error });
    res.destroy(error);
  });
  res.on('close', () => body.destroy());
  return body;
}

/** A signal that fires when the client goes away before the response is complete. */
export function clientGone(res: Response): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort(new Error('client closed the connection'));
  });
  return controller.signal;
}

/** The path after the run id, as the router decoded it: `:first/*rest` joined back with `/`. */
function artifactPath(req: Request): string {
  const rest = req.params.rest as unknown as string[];
  return [req.params.first, ...rest].join('/');
}

function intQuery(req: Request, name: string): number | undefined {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^-?\d{1,15}$/.test(raw.trim())) throw validationError(name, 'must be an integer');
  return Number(raw);
}

type Handler = (req: Request, res: Response, deps: AppDeps) => Promise<void>;

/** Same authentication as the tsoa `jwt_optional` routes: no token is anonymous, a bad token is 401. */
function route(handler: Handler) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const deps = req.app.locals.deps as AppDeps;
    try {
      await expressAuthentication(req, 'jwt_optional', [READ]);
      await handler(req, res, deps);
    } catch (error) {
      next(error);
    }
  };
}

export function mountRunArtifactRoutes(router: Router): void {
  router.get(
    '/runs/:run_id/artifacts/:first/*rest',
    route(async (req, res, deps) => {
      const artifact = await new RunArtifactService(deps).open(req.params.run_id as string, artifactPath(req), clientGone(res));
      sendArtifact(req, res, artifact, deps.logger)?.pipe(res);
    }),
  );
  router.get(
    '/runs/:run_id/eval-data/:first/*rest',
    route(async (req, res, deps) => {
      const data = await new RunArtifactService(deps).evalData(
        req.params.run_id as string,
        artifactPath(req),
        intQuery(req, 'page'),
        intQuery(req, 'per_page'),
      );
      res.json(data);
    }),
  );
}
