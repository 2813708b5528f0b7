// HTTP (the renderer bundle, a health check, the workstation snapshot) and the one WebSocket
// endpoint: /ws?token=… for consoles (which must log in on it), /ws?wall=<id>&display=<id>&key=…
// for a wall display, /ws?box=<id>&key=… for a call box's kiosk, /ws?workstation=<id>&key=… for a
// workstation's engine. The credential is checked at the
// upgrade, and the Origin must be this server's own, so a web page elsewhere cannot ride an
// operator's browser into the engine. Given a certificate, the same port serves HTTPS and WSS
// instead (one handler for both: only the server object differs).
import { randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { createLogger } from '../../../../common/logger.js';
import { MAX_MESSAGE_BYTES } from '../../../../common/protocol/envelope.js';
import type { EngineContext } from '../engine-context.js';
import type { BoxRepo } from '../store/box-repo.js';
import { takesCalls } from '../../../../common/domain/user.js';
import type { Principal } from './access.js';
import type { HandlerOverrides, SitePort } from './site-port.js';
import type { Handlers } from './connection-context.js';
import { createHandlers } from './handlers/index.js';
import { forwardWallEvents, type WallEvent } from './handlers/walls.js';
import { LoginLimiter } from './login-limiter.js';
import { Connection, LOGIN_ENDED } from './connection.js';
import { handleSetupRequest, SETUP_PREFIX } from './setup-http.js';
import { serveStatic } from './static-files.js';
import { SyncHttp } from './sync-http.js';
import { SYNC_SNAPSHOT_PATH } from '../sync/site-snapshot.js';
import type { Alert } from '../../../../common/domain/alert.js';
import { WallDisplayRef } from '../../../../common/domain/wall.js';
import type { ServerTls } from '../tls-options.js';

const log = createLogger('api');

export interface ApiServerOptions {
  host: string;
  port: number;
  token: string;
  staticDir: string;
  boxes: BoxRepo;
  /** Set on a workstation engine: pages are relayed to the site while it is up. */
  workstation?: SitePort;
  handlerOverrides?: HandlerOverrides;
  /** Failed-login limits (login-limiter.ts); tests bring one with their own clock. */
  loginLimiter?: LoginLimiter;
  /** How often idle logged-in sockets are checked against the store (default 3 s). */
  loginCheckMs?: number;
  /** Certificate and key (checked by tls-options.ts): the port serves HTTPS and WSS. */
  tls?: ServerTls;
  /** The secret this machine's own shell derives its wall windows' display keys from (machine-key.ts). */
  localDisplaySecret?: Buffer;
}

/**
 * The user table can change under a running engine: \`jharokha user-disable\` writes the SQLite file
 * from its own process, and nothing tells this one. So logins are checked against the store, not
 * trusted from memory: on every request of a logged-in socket (one indexed read), and every few
 * seconds for sockets that only listen (a wall of cameras, a queue of alerts). A login that has
 * ended (user disabled, session row deleted or expired) closes its socket with LOGIN_ENDED.
 */
export const DEFAULT_LOGIN_CHECK_MS = 3_000;

/** Close code and reason for a wall display whose key an installer revoked. */
export const DISPLAY_REVOKED = { code: 1008, reason: 'display key revoked: an installer must issue this display a new key' } as const;

/**
 * Wall changes go to logged-in people, and to a display only about its own wall (its page asks
 * again what it shows) and its own grid; tours and the control lease are no display's business.
 */
function hearsWall(connection: Connection, event: WallEvent, data: unknown): boolean {
  const { principal } = connection;
  if (principal.kind === 'console') return connection.user !== undefined;
  if (principal.kind !== 'display') return false;
  const ref = data as { wallId?: string; id?: string; displayId?: string };
  if (event === 'wall.defined') return ref.id === principal.wallId;
  if (event === 'wall.spans') return ref.wallId === principal.wallId;
  if (event === 'wall.layout') return ref.wallId === principal.wallId && ref.displayId === principal.displayId;
  return false;
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
  private readonly connections = new Set<Connection>();
  private closed = false;
  private readonly loginSweep: NodeJS.Timeout;

  static async create(engine: EngineContext, options: ApiServerOptions): Promise<ApiServer> {
    const server = options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key }) : http.createServer();
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
    private readonly server: http.Server | https.Server,
  ) {
    const loginLimiter = options.loginLimiter ?? new LoginLimiter();
    const base = createHandlers(engine, { loginLimiter });
    const handlers = { ...base, ...options.handlerOverrides?.(base) };
    const sync = new SyncHttp(engine);
    const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
    server.on('request', (req, res) => {
      if (req.url?.startsWith(SETUP_PREFIX)) {
        void handleSetupRequest(engine, req, res);
      } else if (new URL(req.url ?? '/', 'http://x').pathname === SYNC_SNAPSHOT_PATH) {
        sync.handle(req, res);
      } else if (req.method !== 'GET' && req.method !== 'HEAD') {
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
      const principal = this.authenticate(url);
      if (!principal) {
        log.warn(`refused WebSocket from ${req.socket.remoteAddress}: bad credentials`);
        return refuse('401 Unauthorized');
      }
      if (!originAllowed(req.headers.origin, req.headers.host)) {
        log.warn(`refused WebSocket from origin ${req.headers.origin}`);
        return refuse('403 Forbidden');
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        const { workstation } = options;
        if (workstation?.siteMode && principal.kind === 'console') workstation.relay(ws);
        else this.open(ws, principal, handlers, req.socket.remoteAddress ?? 'unknown');
      });
    });
    forwardWallEvents(engine.walls, (event, data) => {
      for (const connection of this.connections) if (hearsWall(connection, event, data)) connection.send(event, data);
    });
    // A revoked display's sockets close at once (1008: policy violation); its page cannot reconnect.
    engine.displayKeys.on('revoked', ({ wallId, displayId }) => {
      for (const connection of [...this.connections]) {
        const { principal } = connection;
        if (principal.kind === 'display' && principal.wallId === wallId && principal.displayId === displayId) connection.close(DISPLAY_REVOKED);
      }
    });
    engine.alerts.on('changed', (alert) => this.broadcastAlert(alert));
    // A workstation switching between site and local mode puts its local pages out: they reconnect
    // and are relayed (site) or served here (local).
    options.workstation?.on('mode', () => {
      for (const connection of [...this.connections]) if (connection.principal.kind === 'console') connection.close();
    });
    options.workstation?.on('status', (status) => {
      for (const connection of this.connections) if (connection.principal.kind === 'console') connection.send('site.status', status);
    });
    engine.calls.on('box', (box) => {
      for (const connection of this.connections) if (connection.principal.kind === 'workstation' || takesCalls(connection.user)) connection.send('box.changed', box);
    });
    engine.users.on('changed', (user) => {
      for (const connection of this.connections) if (connection.user?.username === user.username) connection.user = user;
    });
    // A disabled user's open sockets close: their pages reconnect to a login that no longer works.
    engine.users.on('disabled', (username) => {
      for (const connection of [...this.connections]) if (connection.user?.username === username) connection.close(LOGIN_ENDED);
    });
    this.loginSweep = setInterval(() => this.sweepLogins(), options.loginCheckMs ?? DEFAULT_LOGIN_CHECK_MS);
    this.loginSweep.unref();
  }

  private sweepLogins(): void {
    for (const connection of [...this.connections]) {
      try {
        if (!connection.refreshLogin()) connection.close(LOGIN_ENDED);
      } catch (error) {
        log.error(`checking the login of connection ${connection.id} failed`, error);
      }
    }
  }

  /** To kiosks, their own box's alerts; to call takers and workstation engines (which cache them all), every alert. */
  broadcastAlert(alert: Alert): void {
    for (const connection of this.connections) {
      const { principal } = connection;
      const mine = principal.kind === 'box' ? principal.boxId === alert.boxId : principal.kind === 'workstation' || takesCalls(connection.user);
      if (mine) connection.send('alert.changed', alert);
    }
  }

  private authenticate(url: URL): Principal | undefined {
    const wallId = url.searchParams.get('wall');
    if (wallId !== null) {
      const ref = WallDisplayRef.safeParse({ wallId, displayId: url.searchParams.get('display') });
      const key = url.searchParams.get('key');
      const ok = ref.success && key !== null && this.engine.displayKeys.verifyKey(ref.data, key, this.options.localDisplaySecret);
      return ok ? { kind: 'display', ...ref.data } : undefined;
    }
    const boxId = url.searchParams.get('box');
    if (boxId !== null) {
      const key = url.searchParams.get('key');
      return key && this.options.boxes.verifyKey(boxId, key) ? { kind: 'box', boxId } : undefined;
    }
    const workstationId = url.searchParams.get('workstation');
    if (workstationId !== null) {
      const key = url.searchParams.get('key');
      return key && this.engine.workstations.verifyKey(workstationId, key) ? { kind: 'workstation', workstationId } : undefined;
    }
    return tokenMatches(url.searchParams.get('token'), this.options.token) ? { kind: 'console' } : undefined;
  }

  private open(ws: WebSocket, principal: Principal, handlers: Handlers, remoteAddress: string): void {
    const { engine } = this;
    const loginCheck = (c: Connection): ReturnType<typeof engine.users.userForToken> => (c.loginToken ? engine.users.userForToken(c.loginToken) : undefined);
    const connection = new Connection(randomUUID(), ws, handlers, principal, engine.sfu.createViewer(), engine.sfu.createCallPeer(), remoteAddress, loginCheck);
    this.connections.add(connection);
    if (this.options.workstation && principal.kind === 'console') connection.send('site.status', this.options.workstation.status());
    if (principal.kind === 'box') engine.calls.boxConnected(principal.boxId, connection);
    ws.once('close', () => {
      this.connections.delete(connection);
      if (principal.kind === 'box') {
        engine.calls.boxDisconnected(principal.boxId, connection);
      } else {
        engine.calls.operatorDisconnected(connection);
      }
    });
  }

  /** True when the port speaks TLS (https:// and wss://). */
  get secure(): boolean {
    return this.options.tls !== undefined;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.loginSweep);
    for (const connection of this.connections) connection.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
