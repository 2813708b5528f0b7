// A console's link for call work. The engine answers Forbidden to any alert, box or call method
// until the connection has said who is at the console (session.identify), and a reconnect forgets
// it; so here `connected` means "connected and identified", and everything built on this link
// (the queue, the map, the call media) starts only then.
import { JharokhaError } from '../../../common/errors.js';
import { createLogger } from '../../../common/logger.js';
import type { MethodName, MethodParams, MethodResult } from '../../../common/protocol/methods.js';
import { TypedEmitter } from '../../../common/typed-emitter.js';
import { EngineUnavailableError, type EngineClientEvents, type EngineLink } from '../engine-client.js';
import { rememberOperator, type OperatorIdentity } from './operator-identity.js';

const log = createLogger('operator');

/** A timeout or an engine hiccup is tried again after this; a refusal waits for a new name. */
export const IDENTIFY_RETRY_MS = 2_000;

export type IdentifyState =
  | { kind: 'needs-name' }
  | { kind: 'offline' }
  | { kind: 'identifying' }
  | { kind: 'identified' }
  | { kind: 'refused'; message: string };

export class OperatorLink implements EngineLink {
  private readonly emitter = new TypedEmitter<{ connected: []; change: [] }>();
  private readonly unsubscribe: Array<() => void> = [];
  private identified = false;
  /** Bumped on every (re)connect and disconnect: an answer for an older connection is dropped. */
  private round = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private state: IdentifyState;

  constructor(
    private readonly client: EngineLink,
    private current: OperatorIdentity | null,
    private readonly storage: Pick<Storage, 'setItem'>,
  ) {
    this.state = current ? { kind: 'offline' } : { kind: 'needs-name' };
  }

  start(): void {
    this.unsubscribe.push(
      this.client.on('connected', () => void this.identify()),
      this.client.on('disconnected', () => {
        this.round++;
        this.identified = false;
        this.setState(this.current ? { kind: 'offline' } : { kind: 'needs-name' });
      }),
    );
    if (this.client.connected) void this.identify();
  }

  close(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.round++;
    this.emitter.removeAllListeners();
  }

  get identity(): OperatorIdentity | null {
    return this.current;
  }

  get identifyState(): IdentifyState {
    return this.state;
  }

  /** A name typed into the console's form (or a new one after a refusal). */
  setIdentity(identity: OperatorIdentity): void {
    if (this.identified) return;
    this.current = identity;
    rememberOperator(this.storage, identity);
    if (this.client.connected) void this.identify();
    else this.setState({ kind: 'offline' });
  }

  subscribe(listener: () => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  // ---- EngineLink ----

  get connected(): boolean {
    return this.identified && this.client.connected;
  }

  request<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
    return this.client.request(method, params);
  }

  on<K extends keyof EngineClientEvents>(event: K, listener: (...args: EngineClientEvents[K]) => void): () => void {
    if (event !== 'connected') return this.client.on(event, listener);
    const onIdentified = listener as unknown as () => void;
    this.emitter.on('connected', onIdentified);
    return () => this.emitter.off('connected', onIdentified);
  }

  // ---- internals ----

  private async identify(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const identity = this.current;
    const round = ++this.round;
    this.identified = false;
    if (!identity) {
      this.setState({ kind: 'needs-name' });
      return;
    }
    this.setState({ kind: 'identifying' });
    try {
      await this.client.request('session.identify', identity);
    } catch (error) {
      if (round !== this.round || error instanceof EngineUnavailableError) return;
      const code = error instanceof JharokhaError ? error.code : 'Internal';
      const message = error instanceof Error ? error.message : String(error);
      if (code === 'BadRequest' || code === 'Forbidden' || code === 'Unauthorized') {
        log.warn(`the engine refused operator "${identity.name}" (${code}): ${message}`);
        this.setState({ kind: 'refused', message });
        return;
      }
      log.warn(`session.identify failed (${code}); trying again`, message);
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        if (round === this.round && this.client.connected) void this.identify();
      }, IDENTIFY_RETRY_MS);
      return;
    }
    if (round !== this.round || !this.client.connected) return;
    this.identified = true;
    log.info(`identified as ${identity.name} (${identity.role})`);
    this.setState({ kind: 'identified' });
    this.emitter.safeEmit('connected');
  }

  private setState(state: IdentifyState): void {
    this.state = state;
    this.emitter.safeEmit('change');
  }
}
