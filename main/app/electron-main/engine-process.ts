// The site engine in an Electron utilityProcess, seen from the main process. create() forks the
// entry, posts it the sealing key (the port queues it until the engine listens; env and argv are
// readable in /proc, a message is not), and resolves once the engine reports ready (its URL and
// token) over the parent port;
// a malformed message is logged once and ignored. close() asks the engine to stop, and kills it
// if it has not exited in time; it is idempotent. An aborted start is closed the same way, and
// create() rejects once the process is gone (the app quitting while a restart is under way).
import { createLogger } from '../../../common/logger.js';
import { TypedEmitter } from '../../../common/typed-emitter.js';
import { EngineKeyMessage, EngineMessage, type ShellMessage } from '../common/engine-messages.js';
import type { EngineAddress } from '../common/page-url.js';

const log = createLogger('engine-process');
const CALLED_OFF = 'the engine start was called off';

export interface UtilityChild {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  postMessage(message: ShellMessage): void;
  kill(): boolean;
}

export interface ForkOptions {
  serviceName: string;
  env: Record<string, string | undefined>;
  stdio: 'inherit';
}
export type ForkUtility = (modulePath: string, args: string[], options: ForkOptions) => UtilityChild;

export interface EngineProcessOptions {
  fork: ForkUtility;
  entry: string;
  args: string[];
  env: Record<string, string | undefined>;
  /** Where the engine's sealing key comes from (engine-key.ts); checked against the schema before the fork. */
  key: EngineKeyMessage;
  /** Migrations, the demo simulator and the mediasoup workers all start first. */
  readyTimeoutMs?: number;
  stopTimeoutMs?: number;
  /** Calls the start off: the process is stopped as close() stops it. */
  signal?: AbortSignal;
}

export type EngineProcessEvents = { exit: [code: number] };

export class EngineProcess extends TypedEmitter<EngineProcessEvents> {
  static async create(options: EngineProcessOptions): Promise<EngineProcess> {
    const key = EngineKeyMessage.parse(options.key);
    if (options.signal?.aborted) throw new Error(CALLED_OFF);
    const child = options.fork(options.entry, options.args, { serviceName: 'jharokha-engine', env: options.env, stdio: 'inherit' });
    const engine = new EngineProcess(child, options.stopTimeoutMs ?? 10_000);
    child.postMessage(key);
    engine.ready = await engine.listen(options.readyTimeoutMs ?? 60_000, options.signal);
    return engine;
  }

  private ready: EngineAddress | undefined;
  private exitCode: number | undefined;
  private readonly exited: Promise<number>;
  private markExited!: (code: number) => void;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly child: UtilityChild,
    private readonly stopTimeoutMs: number,
  ) {
    super();
    this.exited = new Promise((resolve) => (this.markExited = resolve));
  }

  /** Where the engine serves its pages and the token they need. */
  get address(): EngineAddress {
    if (!this.ready) throw new Error('the engine is not ready');
    return this.ready;
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  private listen(readyTimeoutMs: number, signal: AbortSignal | undefined): Promise<EngineAddress> {
    let warned = false;
    return new Promise((resolve, reject) => {
      let settled = false;
      const callOff = (): void => void this.close();
      const settle = (action: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', callOff);
        action();
      };
      signal?.addEventListener('abort', callOff, { once: true });
      const timer = setTimeout(
        () => settle(() => reject(this.abandon(`the engine did not report ready within ${readyTimeoutMs / 1000} s`))),
        readyTimeoutMs,
      );
      this.child.on('message', (raw) => {
        const message = EngineMessage.safeParse(raw);
        if (!message.success) {
          if (!warned) log.warn('ignored a malformed message from the engine process', message.error.issues[0]?.message);
          warned = true;
          return;
        }
        if (message.data.type === 'ready') {
          const { url, token, displaySecret } = message.data;
          settle(() => resolve({ url, token, ...(displaySecret ? { displaySecret } : {}) }));
        } else {
          const reason = message.data.message;
          settle(() => reject(this.abandon(`the engine failed to start: ${reason}`)));
        }
      });
      this.child.on('exit', (code) => {
        this.exitCode = code;
        this.markExited(code);
        if (settled && this.closing === undefined) {
          log.error(`the engine process exited (${code})`);
          this.safeEmit('exit', code);
        }
        settle(() => reject(new Error(signal?.aborted ? CALLED_OFF : `the engine process exited (${code}) before it was ready`)));
      });
    });
  }

  private abandon(reason: string): Error {
    this.closing = Promise.resolve();
    this.child.kill();
    return new Error(reason);
  }

  close(): Promise<void> {
    this.closing ??= this.stop();
    return this.closing;
  }

  private async stop(): Promise<void> {
    if (this.exitCode !== undefined) return;
    this.child.postMessage({ type: 'stop' });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), this.stopTimeoutMs)));
    if ((await Promise.race([this.exited, late])) === 'late') {
      log.warn(`the engine did not stop within ${this.stopTimeoutMs / 1000} s: killing it`);
      this.child.kill();
      await this.exited;
    }
    clearTimeout(timer);
    this.removeAllListeners();
  }
}
