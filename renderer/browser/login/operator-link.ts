// A console's link for call work. The engine answers Forbidden to any alert, box or call method
// until someone who takes calls has logged in on the connection, and a reconnect starts a new
// connection; so here `connected` means "connected and logged in as an operator or supervisor",
// and everything built on this link (the queue, the map, the call media) starts only then.
// The installer's page uses the same link with "logged in as an installer" instead.
import { takesCalls, type UserSummary } from '../../../common/domain/user.js';
import { JharokhaError } from '../../../common/errors.js';
import { createLogger } from '../../../common/logger.js';
import type { MethodName, MethodParams, MethodResult } from '../../../common/protocol/methods.js';
import { TypedEmitter } from '../../../common/typed-emitter.js';
import { EngineUnavailableError, type EngineClientEvents, type EngineLink } from '../engine-client.js';
import { storeLoginToken, storedLoginToken, type LoginStorage } from './login-store.js';

const log = createLogger('operator');

/** A timeout or an engine hiccup is tried again after this; a refusal waits for the form. */
export const LOGIN_RETRY_MS = 2_000;

export type LoginState =
  | { kind: 'needs-login' }
  | { kind: 'offline' }
  | { kind: 'logging-in' }
  | { kind: 'logged-in' }
  | { kind: 'refused'; message: string };


/** The installer's page (/setup) uses the same login with its own rule for whose work it is. */
export const isInstaller = (user: UserSummary | null): boolean => user?.role === 'installer';

export class OperatorLink implements EngineLink {
  private readonly emitter = new TypedEmitter<{ connected: []; change: [] }>();
  private readonly unsubscribe: Array<() => void> = [];
  private loggedIn = false;
  /** Bumped on every (re)connect and disconnect: an answer for an older connection is dropped. */
  private round = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private state: LoginState;
  private current: UserSummary | null = null;
  /** Typed into the form and not yet answered; dropped as soon as the engine has answered. */
  private pending: { username: string; password: string } | null = null;
  /** The login token in force (kept here too, in case sessionStorage is disabled). */
  private token: string | null = null;

  /** `admits`: whose login makes this link `connected` (by default, people who take calls). */
  constructor(
    private readonly client: EngineLink,
    private readonly storage: LoginStorage,
    readonly admits: (user: UserSummary | null) => boolean = takesCalls,
  ) {
    this.state = storedLoginToken(storage) ? { kind: 'offline' } : { kind: 'needs-login' };
  }

  start(): void {
    this.unsubscribe.push(
      this.client.on('connected', () => void this.authenticate()),
      this.client.on('disconnected', () => {
        this.round++;
        this.loggedIn = false;
        this.setState(storedLoginToken(this.storage) || this.token || this.pending ? { kind: 'offline' } : { kind: 'needs-login' });
      }),
    );
    if (this.client.connected) void this.authenticate();
  }

  close(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.round++;
    this.emitter.removeAllListeners();
  }

  /** Who is logged in here (kept while offline, so the console can still say whose desk it is). */
  get user(): UserSummary | null {
    return this.current;
  }

  get loginState(): LoginState {
    return this.state;
  }

  /** The token of the login in force, for the engine's HTTP routes (Authorization: Bearer); null when logged out. */
  get loginToken(): string | null {
    return this.loggedIn ? this.token : null;
  }

  /** A user name and password typed into the console's form. */
  login(username: string, password: string): void {
    if (this.loggedIn) return;
    this.pending = { username, password };
    if (this.client.connected) void this.authenticate();
    else this.setState({ kind: 'offline' });
  }

  async logout(): Promise<void> {
    this.round++;
    const wasConnected = this.loggedIn;
    this.loggedIn = false;
    this.current = null;
    this.token = null;
    storeLoginToken(this.storage, null);
    this.setState({ kind: 'needs-login' });
    if (wasConnected) await this.client.request('session.logout', {}).catch(() => undefined);
  }

  subscribe(listener: () => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  // ---- EngineLink ----

  get connected(): boolean {
    return this.loggedIn && this.admits(this.current) && this.client.connected;
  }

  request<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
    return this.client.request(method, params);
  }

  on<K extends keyof EngineClientEvents>(event: K, listener: (...args: EngineClientEvents[K]) => void): () => void {
    if (event !== 'connected') return this.client.on(event, listener);
    const onLoggedIn = listener as unknown as () => void;
    this.emitter.on('connected', onLoggedIn);
    return () => this.emitter.off('connected', onLoggedIn);
  }

  // ---- internals ----

  /** The form's credentials when there are some, else the stored token; else the form is shown. */
  private async authenticate(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const round = ++this.round;
    this.loggedIn = false;
    const pending = this.pending;
    const token = storedLoginToken(this.storage) ?? this.token;
    if (!pending && !token) {
      this.setState({ kind: 'needs-login' });
      return;
    }
    this.setState({ kind: 'logging-in' });
    let user: UserSummary;
    let grantedToken: string;
    try {
      if (pending) {
        const grant = await this.client.request('session.login', pending);
        storeLoginToken(this.storage, grant.token);
        user = grant.user;
        grantedToken = grant.token;
      } else {
        user = (await this.client.request('session.resume', { token: token! })).user;
        grantedToken = token!;
      }
    } catch (error) {
      if (round !== this.round || error instanceof EngineUnavailableError) return;
      const code = error instanceof JharokhaError ? error.code : 'Internal';
      const message = error instanceof Error ? error.message : String(error);
      if (code === 'BadRequest' || code === 'Forbidden' || code === 'Unauthorized') {
        log.warn(`the engine refused the login (${code}): ${message}`);
        this.pending = null;
        if (!pending) storeLoginToken(this.storage, null);
        if (!pending) this.token = null;
        this.current = null;
        this.setState(pending ? { kind: 'refused', message } : { kind: 'needs-login' });
        return;
      }
      log.warn(`login failed (${code}); trying again`, message);
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        if (round === this.round && this.client.connected) void this.authenticate();
      }, LOGIN_RETRY_MS);
      return;
    }
    if (pending === this.pending) this.pending = null;
    if (round !== this.round || !this.client.connected) return;
    this.current = user;
    this.token = grantedToken;
    this.loggedIn = true;
    log.info(`logged in as ${user.username} (${user.role})`);
    this.setState({ kind: 'logged-in' });
    if (this.admits(user)) this.emitter.safeEmit('connected');
  }

  private setState(state: LoginState): void {
    this.state = state;
    this.emitter.safeEmit('change');
  }
}
