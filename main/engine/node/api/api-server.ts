// HTTP (the renderer bundle, a health check, the workstation snapshot) and the one WebSocket
// endpoint: /ws?token=… for consoles (which must log in on it), /ws?wall=<id>&display=<id>&key=…
// for a wall display, /ws?box=<id>&key=… for a call box's kiosk, /ws?workstation=<id>&key=… for a
// workstation's engine. The credential is checked at the upgrade (credentials.ts) and again
// whenever the store changes (revocation-watch.ts), and a browser's Origin must be one of this
// site's own addresses (site-origins.ts), so a web page elsewhere cannot ride an operator's
// browser into the engine. Given a certificate, the same port serves HTTPS and WSS
// instead (one handler for both: only the server object differs).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { createLogger } from '../../../../common/logger.js';
import { MAX_MESSAGE_BYTES } from '../../../../common/protocol/envelope.js';
import type { EngineContext } from '../engine-context.js';
import { takesCalls } from '../../../../common/domain/user.js';
import { authenticate, type Credential } from './credentials.js';
import type { HandlerOverrides, SitePort } from './site-port.js';
import type { Handlers } from './connection-context.js';
import { createHandlers } from './handlers/index.js';
import { forwardWallEvents, type WallEvent } from './handlers/walls.js';
import { LoginLimiter } from './login-limiter.js';
import { Connection } from './connection.js';
import { PrincipalShares, type ShareLimits } from './principal-shares.js';
import { RevocationWatch } from './revocation-watch.js';
import { handleSetupRequest, SETUP_PREFIX } from './setup-http.js';
import { SiteOrigins } from './site-origins.js';
import { serveStatic } from './static-files.js';
import { SyncHttp } from './sync-http.js';
import { SYNC_SNAPSHOT_PATH } from '../sync/site-snapshot.js';
import type { Alert } from '../../../../common/domain/alert.js';
import type { EventData } from '../../../../common/protocol/events.js';
import type { ServerTls } from '../tls-options.js';

const log = createLogger('api');

export interface ApiServerOptions {
  host: string;
  port: number;
  token: string;
  staticDir: string;
  /** Set on a workstation engine: pages are relayed to the site while it is up. */
  workstation?: SitePort;
  handlerOverrides?: HandlerOverrides;
  /** Failed-login limits (login-limiter.ts); tests bring one with their own clock. */
  loginLimiter?: LoginLimiter;
  /** The store's commit counter (store/database.ts dataVersion): when it moves, open sockets are checked again. */
  storeVersion: () => number;
  /** Certificate and key (checked by tls-options.ts): the port serves HTTPS and WSS. */
  tls?: ServerTls;
  /** Where else operators' browsers reach this site (site-origins.ts). */
  announcedIp?: string;
  publicUrls?: readonly string[];
  /** Serve the renderer's source maps (a debugging build). */
  devSourceMaps?: boolean;
  /** The secret this machine's own shell derives its wall windows' display keys from (machine-key.ts). */
  localDisplaySecret?: Buffer;
  /** What one principal may take across its sockets (principal-shares.ts); tests bring smaller ones. */
  shareLimits?: ShareLimits;
}

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

export class ApiServer {
  private readonly connections = new Set<Connection>();
  private readonly shares: PrincipalShares;
  private closed = false;
  private readonly revocations: RevocationWatch;
  /** Known once the port is bound (a port of 0 picks one). */
  private origins: SiteOrigins | undefined;

  static async create(engine: EngineContext, options: ApiServerOptions): Promise<ApiServer> {
    const server = options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key }) : http.createServer();
    const api = new ApiServer(engine, options, server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        api.origins = new SiteOrigins({ ...options, port: api.port, secure: api.secure });
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
    this.shares = new PrincipalShares(() => this.connections, options.shareLimits);
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
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: true, media: engine.sfu.health() }));
      } else {
        serveStatic({ root: options.staticDir, sourceMaps: options.devSourceMaps ?? false }, req, res);
      }
    });
    server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const refuse = (status: string): void => {
        socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      };
      if (url.pathname !== '/ws') return refuse('404 Not Found');
      const credential = authenticate(engine, { siteToken: options.token, localDisplaySecret: options.localDisplaySecret }, url, req.headers, req.socket.remoteAddress ?? 'unknown');
      if (!credential) {
        log.warn(`refused WebSocket from ${req.socket.remoteAddress}: bad credentials`);
        return refuse('401 Unauthorized');
      }
      const overShare = this.shares.socketRefusal(credential.principal, credential.address);
      if (overShare) {
        log.warn(`refused WebSocket from ${req.socket.remoteAddress}: ${overShare}`);
        return refuse('429 Too Many Requests');
      }
      if (!this.origins?.allows(req.headers.origin)) {
        log.warn(`refused WebSocket from origin ${req.headers.origin}: this site's pages come from ${this.origins?.list().join(', ')} (another name: --public-url)`);
        return refuse('403 Forbidden');
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        const { workstation } = options;
        if (workstation?.siteMode && credential.principal.kind === 'console') workstation.relay(ws, credential.address);
        else this.open(ws, credential, handlers);
      });
    });
    forwardWallEvents(engine.walls, (event, data) => {
      for (const connection of this.connections) if (hearsWall(connection, event, data)) connection.send(event, data);
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
    this.revocations = this.watchRevocations();
  }

  /** Revocations in this process are checked at once; the CLI's, when the store's version moves. */
  private watchRevocations(): RevocationWatch {
    const { engine } = this;
    const watch = new RevocationWatch({ connections: () => this.connections, storeVersion: this.options.storeVersion, audit: engine.audit });
    const check = (): void => watch.check();
    engine.users.on('disabled', check);
    engine.users.on('loginsEnded', check);
    engine.boxes.on('keyChanged', check);
    engine.displayKeys.on('keyChanged', check);
    return watch;
  }

  /** To kiosks, their own box's alerts; to call takers and workstation engines (which cache them all), every alert. */
  broadcastAlert(alert: Alert): void {
    for (const connection of this.connections) {
      const { principal } = connection;
      const mine = principal.kind === 'box' ? principal.boxId === alert.boxId : principal.kind === 'workstation' || takesCalls(connection.user);
      if (mine) connection.send('alert.changed', alert);
    }
  }

  /** To every console: a part of the media plane was replaced (its tiles come back by themselves). */
  broadcastMediaRestart(restart: EventData<'media.restarted'>): void {
    for (const connection of this.connections) if (connection.principal.kind === 'console') connection.send('media.restarted', restart);
  }

  private open(ws: WebSocket, credential: Credential, handlers: Handlers): void {
    const { engine } = this;
    const { principal } = credential;
    const loginCheck = (c: Connection): ReturnType<typeof engine.users.userForToken> => (c.loginToken ? engine.users.userForToken(c.loginToken) : undefined);
    const connection = new Connection(randomUUID(), ws, handlers, principal, engine.sfu.createViewer(), engine.sfu.createCallPeer(), credential.address, loginCheck, credential.stillValid, this.shares);
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
    this.revocations.close();
    for (const connection of this.connections) connection.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
