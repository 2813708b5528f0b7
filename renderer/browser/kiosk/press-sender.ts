// Delivers the outbox: oldest press first, one at a time, on every (re)connect and again with
// backoff after a failure, until the engine has answered each one. A press the engine refuses for
// the box's rate limit (a repeat of a call already open) stays, but does not hold back the presses
// behind it: a panic press after it still goes out at once.
import type { Alert, AlertKind } from '../../../common/domain/alert.js';
import { JharokhaError } from '../../../common/errors.js';
import { createLogger } from '../../../common/logger.js';
import { TypedEmitter } from '../../../common/typed-emitter.js';
import { reconnectDelayMs } from '../../../common/backoff.js';
import type { EngineLink } from '../engine-client.js';
import type { PendingPress, PressOutbox } from './press-outbox.js';

const log = createLogger('press-sender');

type PressSenderEvents = {
  /** The outbox changed (a press added or confirmed). */
  change: [];
  /** The engine took a press: here is the alert it raised (or had already raised for it). */
  delivered: [alert: Alert, press: PendingPress];
};

export interface PressSenderOptions {
  boxId: string;
  retryDelayMs?: (attempt: number) => number;
}

export class PressSender {
  private readonly emitter = new TypedEmitter<PressSenderEvents>();
  private readonly retryDelayMs: (attempt: number) => number;
  private readonly unsubscribe: Array<() => void> = [];
  private sending = false;
  /** Something changed while a round was running: run another. */
  private again = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    private readonly outbox: PressOutbox,
    private readonly link: EngineLink,
    private readonly options: PressSenderOptions,
  ) {
    this.retryDelayMs = options.retryDelayMs ?? ((attempt) => reconnectDelayMs(attempt));
  }

  start(): void {
    this.unsubscribe.push(this.link.on('connected', () => this.flush()));
    this.flush();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const off of this.unsubscribe.splice(0)) off();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.emitter.removeAllListeners();
  }

  get pendingCount(): number {
    return this.outbox.size;
  }

  /** The presses not yet confirmed, oldest first (the same array until the outbox changes). */
  get pending(): readonly PendingPress[] {
    return this.outbox.pending;
  }

  on<K extends keyof PressSenderEvents>(event: K, listener: (...args: PressSenderEvents[K]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  /** A button was pressed: stored first, then sent if the engine is there. */
  press(kind: AlertKind): PendingPress {
    const { press, added } = this.outbox.add(kind);
    if (added) {
      log.info(`${kind} pressed (${press.pressId})`);
      this.emitter.safeEmit('change');
    }
    this.flush();
    return press;
  }

  /** Sends everything pending; safe to call at any time, any number of times. */
  flush(): void {
    if (this.closed) return;
    if (this.sending) {
      this.again = true;
      return;
    }
    void this.round();
  }

  private async round(): Promise<void> {
    this.sending = true;
    try {
      // A flush asked for meanwhile (a reconnect, a new press) gets its own round at once.
      do {
        this.again = false;
        await this.sendAll();
      } while (this.again && !this.closed);
    } finally {
      this.sending = false;
    }
  }

  /**
   * Sends until every press was tried, the link is down, or a send fails (a retry is then
   * scheduled). A press refused with LimitReached is passed over for this round and tried again later.
   */
  private async sendAll(): Promise<void> {
    const passedOver = new Set<string>();
    for (;;) {
      if (this.closed || !this.link.connected) return;
      const press = this.outbox.pending.find((waiting) => !passedOver.has(waiting.pressId));
      if (!press) {
        if (passedOver.size > 0) this.scheduleRetry();
        return;
      }
      try {
        const { alert } = await this.link.request('box.press', { ...press, boxId: this.options.boxId });
        this.outbox.confirm(press.pressId);
        this.failures = 0;
        log.info(`${press.kind} press ${press.pressId} delivered: alert ${alert.id} is ${alert.state}`);
        this.emitter.safeEmit('change');
        this.emitter.safeEmit('delivered', alert, press);
      } catch (error) {
        if (this.closed) return;
        const code = error instanceof JharokhaError ? error.code : 'Internal';
        // Kept whatever the reason: a press is only ever removed on the engine's yes.
        const line = `${press.kind} press ${press.pressId} not delivered yet (${code}): ${error instanceof Error ? error.message : String(error)}`;
        if (this.failures === 0) log.warn(line);
        else log.debug(line);
        if (code === 'LimitReached') {
          passedOver.add(press.pressId);
          continue;
        }
        this.scheduleRetry();
        return;
      }
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.closed) return;
    const delay = this.retryDelayMs(this.failures++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.flush();
    }, delay);
  }
}
