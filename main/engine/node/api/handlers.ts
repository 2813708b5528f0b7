// What each protocol method does. Params arrive already parsed by the method's schema.
import type { EventData, EventName } from '../../../../common/protocol/events.js';
import type { MethodName, MethodResult, ParsedParams } from '../../../../common/protocol/methods.js';
import { JharokhaError } from '../../../../common/errors.js';
import type { CallPeer, Viewer } from '../../../../sfu/index.js';
import type { Actor } from '../alerts/alert-queue.js';
import type { Alert } from '../../../../common/domain/alert.js';
import { takesCalls, type UserSummary } from '../../../../common/domain/user.js';
import type { EngineContext } from '../engine-context.js';
import type { Principal } from './access.js';
import { createLogger } from '../../../../common/logger.js';
import { LoginLimiter } from './login-limiter.js';
import { createSetupAccountHandlers } from './setup-account-handlers.js';
import { createSetupProbeHandlers } from './setup-probe-handlers.js';
import { createWallHandlers, wallActor } from './wall-handlers.js';

export interface ConnectionContext {
  viewer: Viewer;
  callPeer: CallPeer;
  principal: Principal;
  user: UserSummary | undefined;
  loginToken: string | undefined;
  /** The peer's IP address as this server sees it (a relaying workstation's, for pages relayed through one). */
  remoteAddress: string;
  /** Aborted when the socket closes: work started for this socket alone stops with it. */
  closed: AbortSignal;
  /** Pushes an event to this socket (fire-and-forget; a closed socket drops it). */
  send<E extends EventName>(event: E, data: EventData<E>): void;
}

const log = createLogger('handlers');

const userLabel = (user: UserSummary): string => `${user.role}:${user.username}`;

/** Who did it, for the audit: the logged-in user, else the box, workstation or display the socket belongs to. */
function actorLabel(conn: ConnectionContext): string {
  if (conn.user) return userLabel(conn.user);
  if (conn.principal.kind === 'workstation') return `workstation:${conn.principal.workstationId}`;
  return conn.principal.kind === 'box' ? `box:${conn.principal.boxId}` : 'display';
}

type MediasoupParam<F extends (...args: never[]) => unknown, I extends number> = Parameters<F>[I];

/** Access control has run: methods that take calls have an operator or supervisor logged in. */
function actorOf(conn: ConnectionContext): Actor {
  const user = conn.user;
  if (!takesCalls(user)) throw new JharokhaError('Forbidden', 'log in as an operator first');
  return { name: user.username, role: user.role };
}

function boxOf(conn: ConnectionContext): string {
  if (conn.principal.kind !== 'box') throw new JharokhaError('Forbidden', 'only a call box may do this');
  return conn.principal.boxId;
}

export type Handlers = {
  [M in MethodName]: (params: ParsedParams<M>, conn: ConnectionContext) => Promise<MethodResult<M>> | MethodResult<M>;
};

export interface HandlerOptions {
  /** Failed logins per user name and per address; one per engine (api-server.ts), in memory. */
  loginLimiter?: LoginLimiter;
}

export function createHandlers(engine: EngineContext, options: HandlerOptions = {}): Handlers {
  return {
    'cameras.search': (params) => engine.cameras.search(params),
    'cameras.get': (params) => ({
      cameras: params.ids.map((id) => engine.cameras.get(id)).filter((c) => c !== undefined),
    }),
    'media.routerCapabilities': () => ({
      rtpCapabilities: engine.sfu.rtpCapabilities as unknown as Record<string, unknown>,
    }),
    'media.createRecvTransport': async (_params, conn) => wireTransport(await conn.viewer.createRecvTransport()),
    'media.connectTransport': async (params, conn) => {
      const dtls = params.dtlsParameters as unknown as Parameters<Viewer['connectTransport']>[1];
      await conn.viewer.connectTransport(params.transportId, dtls);
      return {};
    },
    'watch.start': async (params, conn) => {
      if (!engine.cameras.get(params.cameraId)) throw new JharokhaError('NotFound', `no camera ${params.cameraId}`);
      const watchId = await conn.viewer.startWatch({
        transportId: params.transportId,
        cameraId: params.cameraId,
        stream: params.stream,
        rtpCapabilities: params.rtpCapabilities as unknown as Parameters<Viewer['startWatch']>[0]['rtpCapabilities'],
      });
      engine.audit.append({ actor: actorLabel(conn), action: 'camera.view', target: `camera:${params.cameraId}`, detail: { stream: params.stream } });
      return { watchId };
    },
    'watch.resume': async (params, conn) => {
      await conn.viewer.resumeWatch(params.watchId);
      return {};
    },
    'watch.pause': async (params, conn) => {
      await conn.viewer.pauseWatch(params.watchId);
      return {};
    },
    'watch.stop': (params, conn) => {
      conn.viewer.stopWatch(params.watchId);
      return {};
    },
    'wall.get': (params) => engine.walls.get(params),
    'wall.set': (params, conn) => {
      engine.walls.setFor(params, wallActor(conn, actorLabel(conn)));
      engine.audit.append({ actor: actorLabel(conn), action: 'wall.set', target: `wall:${params.wallId}/${params.displayId}`, detail: { grid: params.grid } });
      return {};
    },
    ...createAlertHandlers(engine, options.loginLimiter ?? new LoginLimiter()),
    ...createSetupAccountHandlers(engine, userLabel),
    ...createSetupProbeHandlers(engine, userLabel),
    ...createWallHandlers(engine, actorLabel),
    ...createCallMediaHandlers(),
    'sync.deliver': (params, conn) => {
      const alert = deliver(engine, params, conn);
      return alert ? { alert } : {};
    },
  };
}

/**
 * What an operator did on a workstation while the site was unreachable, applied now as that
 * operator (who must still be active and take calls), once per requestKey. A refusal (the alert
 * closed meanwhile, say) goes back as the usual typed error for the workstation to show.
 */
function deliver(engine: EngineContext, params: ParsedParams<'sync.deliver'>, conn: ConnectionContext): Alert | undefined {
  if (conn.principal.kind !== 'workstation') throw new JharokhaError('Forbidden', 'only a workstation engine may deliver');
  const user = engine.users.get(params.username);
  if (!user) throw new JharokhaError('Forbidden', `no active user ${params.username}`);
  if (!takesCalls(user)) throw new JharokhaError('Forbidden', `${user.username} is ${user.role} and takes no calls`);
  const actor: Actor = { name: user.username, role: user.role, via: { workstationId: conn.principal.workstationId, at: params.at } };
  const { action, requestKey } = params;
  if (action.method === 'session.carry') {
    engine.users.carryLogin(user.username, action.params);
    const actorLabel = `${userLabel(user)} via workstation:${conn.principal.workstationId}`;
    engine.audit.append({ actor: actorLabel, action: 'session.login', target: 'session', detail: { carried: true, workstation: conn.principal.workstationId, at: params.at } });
    return undefined;
  }
  if (action.method === 'alert.acknowledge') return engine.alerts.acknowledge(action.params.alertId, actor, action.params.note, { requestKey });
  return engine.alerts.closeAlert(action.params.alertId, actor, action.params.outcome, action.params.note, { requestKey });
}

type AlertMethod = Extract<MethodName, `session.${string}` | `boxes.${string}` | `alert${string}` | `audit.${string}` | `box.${string}`>;

function createAlertHandlers(engine: EngineContext, limiter: LoginLimiter): Pick<Handlers, AlertMethod> {
  const { alerts, calls } = engine;
  return {
    'session.login': async (params, conn) => {
      const address = conn.remoteAddress;
      // Before the password is hashed: a locked name or address costs no scrypt work. Refusals
      // while locked are not audited one by one; the lockout itself is, once.
      const attempt = limiter.begin(params.username, address);
      const grant = await engine.users.login(params.username, params.password).catch((error: unknown) => {
        const lockouts = attempt.failed();
        const actor = `login:${params.username.slice(0, 100)}`;
        engine.audit.append({ actor, action: 'session.loginRefused', target: 'session', detail: { address } });
        for (const lock of lockouts) {
          const detail = { scope: lock.scope, [lock.scope === 'user' ? 'username' : 'address']: lock.key, failures: lock.failures, until: lock.until };
          engine.audit.append({ actor, action: 'session.loginLocked', target: 'session', detail });
          log.warn(`logins ${lock.scope === 'user' ? `for ${lock.key}` : `from ${lock.key}`} locked until ${new Date(lock.until).toISOString()} after ${lock.failures} failures`);
        }
        throw error;
      });
      attempt.succeeded();
      conn.user = grant.user;
      conn.loginToken = grant.token;
      engine.audit.append({ actor: userLabel(grant.user), action: 'session.login', target: 'session' });
      return grant;
    },
    'session.resume': (params, conn) => {
      const user = engine.users.userForToken(params.token);
      if (!user) throw new JharokhaError('Unauthorized', 'the login has expired or ended: log in again');
      conn.user = user;
      conn.loginToken = params.token;
      return { user };
    },
    'session.logout': (_params, conn) => {
      if (conn.loginToken) engine.users.logout(conn.loginToken);
      if (conn.user) engine.audit.append({ actor: userLabel(conn.user), action: 'session.logout', target: 'session' });
      conn.user = undefined;
      conn.loginToken = undefined;
      return {};
    },
    'boxes.list': () => ({ boxes: calls.summaries() }),
    'alerts.list': (params) => ({ alerts: alerts.list({ closed: params.closed }) }),
    'alert.answer': (params, conn) => {
      const alert = alerts.answer(params.alertId, actorOf(conn));
      calls.operatorActed(alert, conn, actorOf(conn));
      return { alert };
    },
    'alert.hold': (params, conn) => ({ alert: alerts.hold(params.alertId, actorOf(conn)) }),
    'alert.resume': (params, conn) => {
      const alert = alerts.resume(params.alertId, actorOf(conn));
      calls.operatorActed(alert, conn, actorOf(conn));
      return { alert };
    },
    'alert.hangup': (params, conn) => ({ alert: alerts.hangup(params.alertId, actorOf(conn)) }),
    'alert.callback': (params, conn) => {
      const alert = alerts.callback(params.alertId, actorOf(conn));
      calls.operatorActed(alert, conn, actorOf(conn));
      return { alert };
    },
    'alert.acknowledge': (params, conn) => ({
      alert: alerts.acknowledge(params.alertId, actorOf(conn), params.note, { requestKey: params.requestKey }),
    }),
    'alert.close': (params, conn) => ({
      alert: alerts.closeAlert(params.alertId, actorOf(conn), params.outcome, params.note, { requestKey: params.requestKey }),
    }),
    'audit.list': (params) => ({ entries: engine.audit.list({ limit: params.limit, target: params.target }) }),
    'box.press': (params, conn) => {
      const boxId = boxOf(conn);
      if (params.boxId !== undefined && params.boxId !== boxId) {
        throw new JharokhaError('Forbidden', `this kiosk is box ${boxId}, not ${params.boxId}`);
      }
      return { alert: alerts.press({ boxId, kind: params.kind, pressId: params.pressId, pressedAt: params.pressedAt }) };
    },
    'box.status': (_params, conn) => {
      const boxId = boxOf(conn);
      const box = calls.summary(boxId);
      if (!box) throw new JharokhaError('NotFound', `no box ${boxId}`);
      const alert = alerts.currentForBox(boxId);
      return alert ? { box, alert } : { box };
    },
  };
}

type CallPeerMethod<M extends keyof CallPeer> = CallPeer[M] extends (...args: never[]) => unknown ? CallPeer[M] : never;

function createCallMediaHandlers(): Pick<Handlers, Extract<MethodName, `call.${string}`>> {
  return {
    'call.createTransports': async (params, conn) => {
      const caps = params.rtpCapabilities as unknown as MediasoupParam<CallPeerMethod<'createTransports'>, 0>;
      const { send, recv } = await conn.callPeer.createTransports(caps);
      return { send: wireTransport(send), recv: wireTransport(recv) };
    },
    'call.connectTransport': async (params, conn) => {
      const dtls = params.dtlsParameters as unknown as MediasoupParam<CallPeerMethod<'connectTransport'>, 1>;
      await conn.callPeer.connectTransport(params.transportId, dtls);
      return {};
    },
    'call.produce': async (params, conn) => {
      const rtpParameters = params.rtpParameters as unknown as MediasoupParam<CallPeerMethod<'produce'>, 0>['rtpParameters'];
      const producerId = await conn.callPeer.produce({ transportId: params.transportId, kind: params.kind, rtpParameters });
      return { producerId };
    },
    'call.resumeConsumer': async (params, conn) => {
      await conn.callPeer.resumeConsumer(params.consumerId);
      return {};
    },
  };
}

function wireTransport(t: { id: string; iceParameters: object; iceCandidates: object[]; dtlsParameters: object }): MethodResult<'media.createRecvTransport'> {
  return {
    id: t.id,
    iceParameters: t.iceParameters as Record<string, unknown>,
    iceCandidates: t.iceCandidates as Record<string, unknown>[],
    dtlsParameters: t.dtlsParameters as Record<string, unknown>,
  };
}
