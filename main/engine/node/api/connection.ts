// One authenticated WebSocket connection: every frame is parsed by the shared schemas, every
// request answered (result or typed error), and the engine's events pushed fire-and-forget.
// Frames are read a few per turn of the event loop and requests start one per turn, a few under
// way at a time, so a socket that sends thousands at once never holds up anyone else's: the other
// sockets' frames are read between its turns. Past a bounded backlog a request is answered
// LimitReached; a socket thousands of frames behind is closed.
import type { WebSocket } from 'ws';
import { JharokhaError, toWireError } from '../../../../common/errors.js';
import { createLogger } from '../../../../common/logger.js';
import { MAX_MESSAGE_BYTES, RequestFrame } from '../../../../common/protocol/envelope.js';
import type { EventData, EventName } from '../../../../common/protocol/events.js';
import { isMethodName, methods } from '../../../../common/protocol/methods.js';
import type { CallPeer, Viewer } from '../../../../sfu/index.js';
import type { UserSummary } from '../../../../common/domain/user.js';
import { checkAccess, type Principal } from './access.js';
import type { ConnectionContext, Handlers } from './connection-context.js';
import { PrincipalShares } from './principal-shares.js';

const log = createLogger('connection');

/** Close code and reason when the person logged in on a socket may no longer be (4401 = HTTP 401). */
export const LOGIN_ENDED = { code: 4401, reason: 'login ended: the user was disabled or signed out' } as const;
/** Close code and reason when the key the socket opened with (a kiosk's, a workstation's) was revoked (4403 = HTTP 403). */
export const KEY_REVOKED = { code: 4403, reason: 'key revoked' } as const;

export type CloseWhy = { code: number; reason: string };

/** How many of one socket's requests may be under way at once (a grid starting its tiles' watches in parallel). */
export const MAX_IN_FLIGHT = 8;
/** How many may wait behind them before further ones are refused. */
export const MAX_WAITING = 256;
/** Frames read (parsed, then queued or refused) per turn of the event loop. */
const READ_PER_TURN = 32;
/** Frames received but not yet read before the socket is closed as a flood. */
const MAX_UNREAD = 8192;
/** Close code and reason for a socket that sends far faster than it is answered (4429 = HTTP 429). */
export const FLOODING = { code: 4429, reason: 'too many requests: slow down' } as const;

/**
 * The user a socket's login belongs to now, read again from the store (another process, the CLI,
 * may have disabled them or changed their role): undefined once the login has ended.
 */
export type LoginCheck = (connection: Connection) => UserSummary | undefined;

export class Connection implements ConnectionContext {
  /** Who logged in on this socket (session.login or session.resume); none for a bare display. */
  user: UserSummary | undefined;
  /** The login token this socket logged in with, ended by session.logout. */
  loginToken: string | undefined;
  private readonly ended = new AbortController();
  private invalidFrames = 0;
  private closeAfterReply: CloseWhy | undefined;
  private readonly unread: { data: Buffer; isBinary: boolean }[] = [];
  private readonly waiting: RequestFrame[] = [];
  private inFlight = 0;
  private turnScheduled = false;

  constructor(
    readonly id: string,
    private readonly socket: WebSocket,
    private readonly handlers: Handlers,
    readonly principal: Principal,
    readonly viewer: Viewer,
    readonly callPeer: CallPeer,
    readonly remoteAddress: string,
    private readonly loginCheck: LoginCheck,
    private readonly keyStillValid: () => boolean = () => true,
    /** The server's count of every principal's share; a socket alone counts only itself. */
    readonly shares: Pick<PrincipalShares, 'admitLogin' | 'admitWatch'> = new PrincipalShares(() => []),
  ) {
    viewer.on('watch.state', (data) => this.send('watch.state', data));
    viewer.on('watch.consumer', (data) => this.send('watch.consumer', data));
    viewer.on('watch.closed', (data) => this.send('watch.closed', data));
    viewer.on('watch.fastStartEnded', (data) => this.send('watch.fastStartEnded', data));
    callPeer.on('call.consumer', (data) => this.send('call.consumer', data));
    callPeer.on('call.consumerClosed', (data) => this.send('call.consumerClosed', data));
    viewer.on('transport.lost', (data) => this.send('media.transportClosed', data));
    callPeer.on('transport.lost', (data) => this.send('media.transportClosed', data));
    socket.on('message', (data, isBinary) => this.onMessage(data as Buffer, isBinary));
    socket.on('close', () => this.close());
    socket.on('error', (error) => log.warn(`connection ${id}: socket error`, error));
  }

  get closed(): AbortSignal {
    return this.ended.signal;
  }

  /** False once the login on this socket has ended (checked again from the store); the caller closes it then. */
  refreshLogin(): boolean {
    if (!this.user) return true;
    const user = this.loginCheck(this);
    if (!user) return false;
    this.user = user;
    return true;
  }

  /** Why this socket may no longer stay open (its key revoked, its login ended), read from the store; undefined while it may. */
  revocation(): CloseWhy | undefined {
    if (!this.keyStillValid()) return KEY_REVOKED;
    return this.refreshLogin() ? undefined : LOGIN_ENDED;
  }

  send<E extends EventName>(event: E, data: EventData<E>): void {
    this.write({ event, data });
  }

  private write(frame: unknown): void {
    if (this.ended.signal.aborted || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(JSON.stringify(frame), (error) => {
      if (error) log.debug(`connection ${this.id}: send failed`, error);
    });
  }

  /** Kept as it came; read a few at a time by turn() so a burst is no single long stretch of work. */
  private onMessage(data: Buffer, isBinary: boolean): void {
    if (this.unread.length >= MAX_UNREAD) {
      // Thousands of frames not yet even read: no client of ours sends like this.
      log.warn(`connection ${this.id}: ${MAX_UNREAD} frames unread, closing`);
      this.close(FLOODING);
      return;
    }
    this.unread.push({ data, isBinary });
    this.scheduleTurn();
  }

  private scheduleTurn(): void {
    if (this.turnScheduled || this.ended.signal.aborted) return;
    const work = this.unread.length > 0 || (this.waiting.length > 0 && this.inFlight < MAX_IN_FLIGHT);
    if (!work) return;
    this.turnScheduled = true;
    // setImmediate runs after pending I/O: other sockets' frames are read between two turns.
    setImmediate(() => this.turn());
  }

  /** One turn: a few frames read (each queued or refused), and one waiting request started. */
  private turn(): void {
    this.turnScheduled = false;
    if (this.ended.signal.aborted) return;
    for (const frame of this.unread.splice(0, READ_PER_TURN)) this.read(frame.data, frame.isBinary);
    const next = this.inFlight < MAX_IN_FLIGHT ? this.waiting.shift() : undefined;
    if (next) {
      this.inFlight++;
      void this.answer(next).finally(() => {
        this.inFlight--;
        this.scheduleTurn();
      });
    }
    this.scheduleTurn();
  }

  private read(data: Buffer, isBinary: boolean): void {
    if (isBinary || data.length > MAX_MESSAGE_BYTES) {
      this.rejectFrame('frames are JSON text of at most 256 KiB');
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data.toString('utf8'));
    } catch {
      this.rejectFrame('frame is not valid JSON');
      return;
    }
    const frame = RequestFrame.safeParse(json);
    if (!frame.success) {
      this.rejectFrame('frame is not a request {id, method, params}');
      return;
    }
    if (this.waiting.length >= MAX_WAITING) {
      const error = new JharokhaError('LimitReached', `${MAX_WAITING} requests already wait on this socket: send fewer at once`);
      this.write({ id: frame.data.id, ok: false, error: toWireError(error) });
      return;
    }
    this.waiting.push(frame.data);
  }

  private async answer({ id, method, params }: RequestFrame): Promise<void> {
    try {
      const result = await this.dispatch(method, params);
      this.write({ id, ok: true, result });
    } catch (error) {
      if (!(error instanceof JharokhaError)) log.error(`connection ${this.id}: ${method} failed`, error);
      this.write({ id, ok: false, error: toWireError(error) });
    }
    if (this.closeAfterReply) this.close(this.closeAfterReply);
  }

  private async dispatch(method: string, rawParams: unknown): Promise<unknown> {
    if (!isMethodName(method)) throw new JharokhaError('BadRequest', `unknown method "${method}"`);
    // Every request first asks the store whether the socket's key and login still stand.
    const revoked = this.revocation();
    if (revoked) {
      this.closeAfterReply = revoked;
      if (revoked === KEY_REVOKED) throw new JharokhaError('Unauthorized', 'the key this socket opened with has been revoked');
      throw new JharokhaError('Unauthorized', 'your login has ended (the user was disabled or signed out): log in again');
    }
    checkAccess(method, this.principal, this.user);
    const parsed = methods[method].params.safeParse(rawParams ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new JharokhaError('BadRequest', `${method}: ${issue?.path.join('.') || 'params'}: ${issue?.message}`);
    }
    const handler = this.handlers[method] as (p: unknown, c: ConnectionContext) => unknown;
    return handler(parsed.data, this);
  }

  private rejectFrame(message: string): void {
    // Logged once per connection so a misbehaving client cannot flood the log.
    if (this.invalidFrames++ === 0) log.warn(`connection ${this.id}: ${message}`);
    this.send('protocol.error', { code: 'BadRequest', message });
  }

  /** Idempotent: the viewer's watches end and their pulls are released; call media closes; work tied to `closed` stops. */
  close(why: CloseWhy = { code: 1000, reason: '' }): void {
    if (this.ended.signal.aborted) return;
    this.ended.abort();
    this.viewer.close();
    this.callPeer.close();
    if (this.socket.readyState === this.socket.OPEN) this.socket.close(why.code, why.reason);
  }
}
