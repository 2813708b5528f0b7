// The renderer's one WebSocket to the engine: requests with ids and a timeout, events pushed by the
// engine, every incoming frame parsed by the shared schemas, and reconnection with backoff so a
// wall recovers by itself when the engine restarts.
import type { z, ZodError } from 'zod';
import { JharokhaError } from '../../common/errors.js';
import { createLogger } from '../../common/logger.js';
import { MAX_MESSAGE_BYTES, ServerFrame } from '../../common/protocol/envelope.js';
import { events, type EventData, type EventName } from '../../common/protocol/events.js';
import { methods, type MethodName, type MethodParams, type MethodResult } from '../../common/protocol/methods.js';
import { TypedEmitter } from '../../common/typed-emitter.js';
import { reconnectDelayMs } from '../../common/backoff.js';

const log = createLogger('engine-client');

export const REQUEST_TIMEOUT_MS = 10_000;

export type EngineClientEvents = { [E in EventName]: [data: EventData<E>] } & {
  connected: [];
  /** The socket closed (or a connection attempt failed); pending requests were rejected. */
  disconnected: [reason: string];
  /** A new attempt is scheduled; lets the UI say when. */
  reconnecting: [attempt: number, delayMs: number];
};

/** Thrown for requests that cannot be answered because the connection is not (or no longer) open. */
export class EngineUnavailableError extends JharokhaError {
  constructor(message: string) {
    super('InvalidState', message);
  }
}

/** What media and pages need from the engine; EngineClient implements it, tests fake it. */
export interface EngineLink {
  readonly connected: boolean;
  request<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>>;
  on<K extends keyof EngineClientEvents>(event: K, listener: (...args: EngineClientEvents[K]) => void): () => void;
}

export interface EngineClientOptions {
  url: string;
  createSocket?: (url: string) => WebSocket;
  requestTimeoutMs?: number;
  retryDelayMs?: (attempt: number) => number;
}

export interface ConnectionStatus {
  connected: boolean;
  /** Failed attempts since the last open socket. */
  attempt: number;
  /** When the next attempt starts (Date.now() clock), or null. */
  retryAt: number | null;
  lastReason: string | null;
}

interface Pending {
  method: MethodName;
  result: z.ZodTypeAny;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

const SOCKET_OPEN = 1;

export class EngineClient implements EngineLink {
  private readonly emitter = new TypedEmitter<EngineClientEvents>();
  private readonly pending = new Map<number, Pending>();
  /** Kinds of bad frames already logged: one line per kind, not one per frame. */
  private readonly loggedDrops = new Set<string>();
  private readonly createSocket: (url: string) => WebSocket;
  private readonly requestTimeoutMs: number;
  private readonly retryDelayMs: (attempt: number) => number;
  private socket: WebSocket | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private nextId = 1;
  private stopped = false;
  private status: ConnectionStatus = { connected: false, attempt: 0, retryAt: null, lastReason: null };
  /** Frames dropped because they failed the schemas; exposed for diagnostics and tests. */
  droppedFrames = 0;

  constructor(private readonly options: EngineClientOptions) {
    this.createSocket = options.createSocket ?? ((url) => new WebSocket(url));
    this.requestTimeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
    this.retryDelayMs = options.retryDelayMs ?? ((attempt) => reconnectDelayMs(attempt));
  }

  get connected(): boolean {
    return this.status.connected;
  }

  /** A fresh object whenever something changes (suits React's useSyncExternalStore). */
  getStatus(): ConnectionStatus {
    return this.status;
  }

  start(): void {
    if (this.stopped || this.socket || this.retryTimer) return;
    this.open();
  }

  /** Stops for good: no reconnection, pending requests rejected. */
  close(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'client closed');
    this.rejectAll('engine client closed');
    this.setStatus({ connected: false, retryAt: null });
    this.emitter.removeAllListeners();
  }

  on<K extends keyof EngineClientEvents>(event: K, listener: (...args: EngineClientEvents[K]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  request<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
    // The generic index cannot be narrowed by TypeScript; each entry pairs its own schemas.
    const schema = methods[method] as unknown as { params: z.ZodTypeAny; result: z.ZodTypeAny };
    const checked = schema.params.safeParse(params);
    if (!checked.success) {
      return Promise.reject(new JharokhaError('BadRequest', `${method}: invalid params: ${describeIssues(checked.error)}`));
    }
    const socket = this.socket;
    if (!socket || !this.status.connected || socket.readyState !== SOCKET_OPEN) {
      return Promise.reject(new EngineUnavailableError(`${method}: not connected to the engine`));
    }
    const id = this.nextId++;
    const text = JSON.stringify({ id, method, params: checked.data });
    if (text.length > MAX_MESSAGE_BYTES) {
      return Promise.reject(new JharokhaError('BadRequest', `${method}: request too large`));
    }
    return new Promise<MethodResult<M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new JharokhaError('Timeout', `${method}: no answer from the engine within ${this.requestTimeoutMs / 1000} s`));
      }, this.requestTimeoutMs);
      this.pending.set(id, { method, result: schema.result, resolve: resolve as (v: unknown) => void, reject, timer });
      socket.send(text);
    });
  }

  private open(): void {
    this.retryTimer = null;
    let socket: WebSocket;
    try {
      socket = this.createSocket(this.options.url);
    } catch (error) {
      this.onSocketGone(`cannot open socket: ${String(error)}`);
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.setStatus({ connected: true, attempt: 0, retryAt: null, lastReason: null });
      log.info('connected to engine');
      this.emitter.safeEmit('connected');
    };
    socket.onmessage = (message: MessageEvent) => {
      if (this.socket === socket) this.onFrame(message.data);
    };
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.onSocketGone(`closed (code ${event.code}${event.reason ? `: ${event.reason}` : ''})`);
    };
    // An error is always followed by close, which does the work.
    socket.onerror = () => undefined;
  }

  private onSocketGone(reason: string): void {
    const wasConnected = this.status.connected;
    this.rejectAll(`engine connection lost: ${reason}`);
    if (this.stopped) return;
    const attempt = wasConnected ? 0 : this.status.attempt + 1;
    const delay = this.retryDelayMs(wasConnected ? 0 : attempt);
    this.setStatus({ connected: false, attempt, retryAt: Date.now() + delay, lastReason: reason });
    if (wasConnected) log.warn(`engine connection lost: ${reason}`);
    this.emitter.safeEmit('disconnected', reason);
    this.emitter.safeEmit('reconnecting', attempt, delay);
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  private rejectAll(message: string): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.reject(new EngineUnavailableError(`${pending.method}: ${message}`));
    }
  }

  private onFrame(data: unknown): void {
    if (typeof data !== 'string') return this.drop('binary frame', 'the engine sends text frames only');
    if (data.length > MAX_MESSAGE_BYTES) return this.drop('oversized frame', `${data.length} bytes`);
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return this.drop('not JSON', data.slice(0, 120));
    }
    const frame = ServerFrame.safeParse(json);
    if (!frame.success) return this.drop('bad envelope', describeIssues(frame.error));
    const value = frame.data;
    if ('event' in value) this.onEvent(value.event, value.data);
    else this.onResponse(value);
  }

  private onEvent(name: string, data: unknown): void {
    if (!Object.prototype.hasOwnProperty.call(events, name)) return this.drop(`unknown event ${name}`, '');
    const eventName = name as EventName;
    const parsed = events[eventName].safeParse(data);
    if (!parsed.success) return this.drop(`bad ${eventName}`, describeIssues(parsed.error));
    // The schema that parsed it is the one keyed by eventName, so the pairing holds.
    (this.emitter.safeEmit as (event: EventName, value: unknown) => boolean)(eventName, parsed.data);
  }

  private onResponse(frame: Exclude<ServerFrame, { event: string }>): void {
    const pending = this.pending.get(frame.id);
    if (!pending) {
      log.debug(`answer to unknown or timed-out request ${frame.id}`);
      return;
    }
    this.pending.delete(frame.id);
    clearTimeout(pending.timer);
    if (!frame.ok) {
      pending.reject(new JharokhaError(frame.error.code, frame.error.message));
      return;
    }
    const result = pending.result.safeParse(frame.result);
    if (!result.success) {
      this.drop(`bad result for ${pending.method}`, describeIssues(result.error));
      pending.reject(new JharokhaError('Internal', `${pending.method}: the engine sent an invalid answer`));
      return;
    }
    pending.resolve(result.data);
  }

  private drop(kind: string, detail: string): void {
    this.droppedFrames++;
    if (this.loggedDrops.has(kind)) return;
    this.loggedDrops.add(kind);
    log.warn(`dropped a frame from the engine (${kind}); further ones of this kind are counted, not logged`, detail);
  }

  private setStatus(change: Partial<ConnectionStatus>): void {
    this.status = { ...this.status, ...change };
  }
}

/** One line per schema failure, e.g. "cameraId: camera ids are lower-case…; state: Invalid enum value". */
function describeIssues(error: ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(frame)'}: ${issue.message}`)
    .join('; ');
}
