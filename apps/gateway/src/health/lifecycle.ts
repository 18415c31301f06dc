import type { RequestHandler, Response } from 'express';

/**
 * A gateway's shutdown state. On SIGTERM it starts draining: `/api/ready` fails at once, so load balancers and
 * Kubernetes stop sending new requests, while everything else keeps working. Then the listener closes and the
 * open event streams are ended cleanly, so EventSource clients reconnect (with Last-Event-ID) through the load
 * balancer to another gateway and resume where they were: the run's stream in Redis has every event.
 */
export class GatewayLifecycle {
  private drainingSince: number | null = null;
  private readonly streams = new Set<Response>();

  /** `onStreamsChanged` hears the number of open event streams each time one opens or closes. */
  constructor(private readonly onStreamsChanged: (open: number) => void = () => undefined) {}

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  startDrain(): void {
    this.drainingSince ??= Date.now();
  }

  /** Open Server-Sent Events responses, tracked so that they can be ended at shutdown. */
  get openEventStreams(): number {
    return this.streams.size;
  }

  /** Records responses that turn out to be event streams, until they close. */
  trackEventStreams(): RequestHandler {
    return (_req, res, next) => {
      const writeHead = res.writeHead;
      // Headers decide: a response becomes an event stream when it is sent with that content type.
      res.writeHead = ((...args: Parameters<typeof res.writeHead>) => {
        if (String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream')) {
          this.streams.add(res);
          this.onStreamsChanged(this.streams.size);
          res.once('close', () => {
            if (this.streams.delete(res)) this.onStreamsChanged(this.streams.size);
          });
        }
        return writeHead.apply(res, args);
      }) as typeof res.writeHead;
      next();
    };
  }

  /** Ends every open event stream; each client reconnects and resumes elsewhere. */
  endEventStreams(): number {
    const open = [...this.streams];
    for (const res of open) if (!res.writableEnded) res.end();
    this.streams.clear();
    return open.length;
  }
}
