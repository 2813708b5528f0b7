// The desktop app's engine, kept running: when its utility process exits on its own (a crash, an
// out-of-memory kill), it is forked again with the same options, so the same key source and the
// same token. Restarts back off, 1 s doubling to 30 s: a crash loop is logged and slowed, never a
// busy loop; an engine that ran a minute is healthy again and its next crash restarts after 1 s.
// Each new engine's address is announced ('restarted'): its display secret is made afresh at every
// start, so the windows that derive keys from it must be told. close() stops restarting and
// stops the engine, a start under way included; it is idempotent.
import { Backoff } from '../../../common/backoff.js';
import { createLogger } from '../../../common/logger.js';
import { TypedEmitter } from '../../../common/typed-emitter.js';
import type { EngineAddress } from '../common/page-url.js';
import { EngineProcess, type EngineProcessOptions } from './engine-process.js';
import { realTimers, type Timers } from './timers.js';

const log = createLogger('engine-keeper');

export interface EngineKeeperOptions {
  /** How every start forks the engine. */
  engine: EngineProcessOptions;
  timers?: Timers;
  now?: () => number;
  firstRetryMs?: number;
  maxRetryMs?: number;
  /** An engine that ran this long before it died was healthy: the backoff starts over. */
  healthyAfterMs?: number;
}

export type EngineKeeperEvents = { restarted: [address: EngineAddress] };

/** From this many failures in a row the log calls it a crash loop. */
const LOOP_AFTER = 3;

export class EngineKeeper extends TypedEmitter<EngineKeeperEvents> {
  /** The first start's failure is the caller's (the app says so and exits): nothing is retried. */
  static async create(options: EngineKeeperOptions): Promise<EngineKeeper> {
    return new EngineKeeper(options, await EngineProcess.create(options.engine));
  }

  private readonly timers: Timers;
  private readonly now: () => number;
  private readonly backoff: Backoff;
  private readonly healthyAfterMs: number;
  private startedAt = 0;
  private failures = 0;
  private retry: unknown;
  private starting: { abort: AbortController; done: Promise<void> } | undefined;
  private closing: Promise<void> | undefined;
  private closed = false;

  private constructor(
    private readonly options: EngineKeeperOptions,
    private engine: EngineProcess,
  ) {
    super();
    this.timers = options.timers ?? realTimers;
    this.now = options.now ?? Date.now;
    this.backoff = new Backoff({ initialMs: options.firstRetryMs ?? 1_000, maxMs: options.maxRetryMs ?? 30_000, jitter: 0 });
    this.healthyAfterMs = options.healthyAfterMs ?? 60_000;
    this.keep(engine);
  }

  /** The running engine's address (the last one's while it is being restarted). */
  get address(): EngineAddress {
    return this.engine.address;
  }

  /** True once close() has finished: quitting waits until then. */
  get stopped(): boolean {
    return this.closed;
  }

  private keep(engine: EngineProcess): void {
    this.engine = engine;
    this.startedAt = this.now();
    engine.on('exit', (code) => {
      const healthy = this.now() - this.startedAt >= this.healthyAfterMs;
      this.down(`the engine process exited (${code}) after ${Math.round((this.now() - this.startedAt) / 1000)} s`, healthy);
    });
  }

  private down(reason: string, healthy: boolean): void {
    if (this.closing) return;
    if (healthy) {
      this.backoff.reset();
      this.failures = 0;
    }
    this.failures++;
    const delay = this.backoff.next();
    const loop = this.failures >= LOOP_AFTER ? ` (crash loop: ${this.failures} failures in a row)` : '';
    log.error(`${reason}: starting it again in ${delay / 1000} s${loop}; windows show "engine unreachable" until then`);
    this.retry = this.timers.setTimeout(() => {
      this.retry = undefined;
      const abort = new AbortController();
      this.starting = { abort, done: this.restart(abort.signal) };
    }, delay);
  }

  private async restart(signal: AbortSignal): Promise<void> {
    try {
      const engine = await EngineProcess.create({ ...this.options.engine, signal });
      this.starting = undefined;
      // Quit came after the engine reported ready but before this ran.
      if (this.closing) return void (await engine.close());
      this.keep(engine);
      log.info(`the engine is back on ${engine.address.url}`);
      this.safeEmit('restarted', engine.address);
    } catch (error) {
      this.starting = undefined;
      if (signal.aborted) return;
      this.down(`the engine did not start again: ${error instanceof Error ? error.message : String(error)}`, false);
    }
  }

  close(): Promise<void> {
    this.closing ??= this.stop();
    return this.closing;
  }

  private async stop(): Promise<void> {
    if (this.retry !== undefined) this.timers.clearTimeout(this.retry);
    this.retry = undefined;
    const starting = this.starting;
    starting?.abort.abort();
    await Promise.all([starting?.done, this.engine.close()]);
    this.closed = true;
    this.removeAllListeners();
  }
}
