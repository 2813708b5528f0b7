// HTTP (the renderer bundle, a health check) and the one WebSocket endpoint, /ws?token=…
// The token is checked at the upgrade, and the Origin must be this server's own, so a web page
// elsewhere cannot ride an operator's browser into the engine.
import { randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { createLogger } from '../../../../common/logger.js';
import { MAX_MESSAGE_BYTES } from '../../../../common/protocol/envelope.js';
import type { EngineContext } from '../engine-context.js';
import { createHandlers } from './handlers.js';
import { Session } from './session.js';
import { serveStatic } from './static-files.js';

const log = createLogger('api');

export interface ApiServerOptions {
  host: string;
  port: number;
  token: string;
  staticDir: string;
}

function tokenMatches(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function originAllowed(origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true; // non-browser clients (tests, tools) send none
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export class ApiServer {
  private readonly sessions = new Set<Session>();
  private closed = false;

  static async create(engine: EngineContext, options: ApiServerOptions): Promise<ApiServer> {
    const server = http.createServer();
    const api = new ApiServer(engine, options, server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return api;
  }

  private constructor(
    private readonly engine: EngineContext,
    private readonly options: ApiServerOptions,
    private readonly server: http.Server,
  ) {
    const handlers = createHandlers(engine);
    const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
    server.on('request', (req, res) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
      } else if (req.url === '/healthz') {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: true }));
      } else {
        serveStatic(options.staticDir, req, res);
      }
    });
    server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const refuse = (status: string): void => {
        socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      };
      if (url.pathname !== '/ws') return refuse('404 Not Found');
      if (!tokenMatches(url.searchParams.get('token'), options.token)) {
        log.warn(`refused WebSocket from ${req.socket.remoteAddress}: bad token`);
        return refuse('401 Unauthorized');
      }
      if (!originAllowed(req.headers.origin, req.headers.host)) {
        log.warn(`refused WebSocket from origin ${req.headers.origin}`);
        return refuse('403 Forbidden');
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        const session = new Session(randomUUID(), ws, handlers, engine.sfu.createViewer());
        this.sessions.add(session);
        ws.once('close', () => this.sessions.delete(session));
      });
    });
    engine.walls.on('layout', (layout) => {
      for (const session of this.sessions) session.send('wall.layout', layout);
    });
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const session of this.sessions) session.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
