// The engine's handle on one ingest shard process: forks it, waits for it to say it is ready,
// parses what it says, and reports its end once. A shard is a child process rather than a worker
// thread so that a crash (or kill -9) is its own and costs the engine nothing.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JharokhaError } from '../../../common/errors.js';
import { createLogger } from '../../../common/logger.js';
import { TypedEmitter } from '../../../common/typed-emitter.js';
import { FromShard, type ShardArgs, type ToShard } from './shard-protocol.js';

const log = createLogger('ingest-shards');

// The engine runs as TypeScript under tsx and, in the desktop build, as JavaScript transpiled
// one to one: the shard's entry sits beside this module with the same extension either way.
const here = fileURLToPath(import.meta.url);
const SHARD_ENTRY = path.join(path.dirname(here), `shard-main${path.extname(here)}`);

export type ShardProcessEvents = {
  message: [message: Exclude<FromShard, { type: 'ready' }>];
  exit: [reason: string];
};

export class ShardProcess extends TypedEmitter<ShardProcessEvents> {
  private exited = false;
  private badMessages = 0;

  /** Resolves once the shard listens; rejects (and kills it) if it dies or stays silent first. */
  static async start(index: number, options: ShardArgs & { readyTimeoutMs: number }): Promise<ShardProcess> {
    const args: ShardArgs = { cacheBudgetBytes: options.cacheBudgetBytes };
    const child = fork(SHARD_ENTRY, [JSON.stringify(args)], {
      execArgv: process.execArgv,
      // Inside Electron's utility process execPath is Electron itself: run it as plain Node.
      env: process.versions.electron ? { ...process.env, ELECTRON_RUN_AS_NODE: '1' } : process.env,
    });
    const shard = new ShardProcess(index, child);
    await shard.ready(options.readyTimeoutMs);
    shard.wire();
    return shard;
  }

  private constructor(
    readonly index: number,
    private readonly child: ChildProcess,
  ) {
    super();
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  private ready(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const fail = (why: string): void => {
        cleanup();
        this.child.kill('SIGKILL');
        reject(new JharokhaError('Unavailable', `ingest shard ${this.index} did not start: ${why}`));
      };
      const onMessage = (raw: unknown): void => {
        if (FromShard.safeParse(raw).data?.type !== 'ready') return;
        cleanup();
        resolve();
      };
      const onExit = (code: number | null, signal: string | null): void => fail(`exited (${signal ?? code})`);
      const onError = (error: Error): void => fail(error.message);
      const timer = setTimeout(() => fail(`no word in ${timeoutMs} ms`), timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.child.off('message', onMessage).off('exit', onExit).off('error', onError);
      };
      this.child.on('message', onMessage).on('exit', onExit).on('error', onError);
    });
  }

  private wire(): void {
    this.child.on('message', (raw) => this.onMessage(raw));
    // A failed send (the channel closing under it) shows up here; the exit that follows heals it.
    this.child.on('error', (error) => log.warn(`ingest shard ${this.index}: ${error.message}`));
    this.child.once('exit', (code, signal) => {
      this.exited = true;
      this.safeEmit('exit', signal ? `killed by ${signal}` : `exited with code ${code}`);
      this.removeAllListeners();
    });
  }

  private onMessage(raw: unknown): void {
    const parsed = FromShard.safeParse(raw);
    if (!parsed.success || parsed.data.type === 'ready') {
      // Logged sparingly: a shard gone wrong must not flood the engine's log either.
      if (++this.badMessages === 1 || this.badMessages % 1000 === 0) {
        log.error(`ingest shard ${this.index}: bad message ignored (${this.badMessages})`, parsed.error?.issues[0]?.message);
      }
      return;
    }
    this.safeEmit('message', parsed.data);
  }

  send(message: ToShard): void {
    if (this.exited || !this.child.connected) return;
    this.child.send(message, (error) => {
      if (error) log.warn(`ingest shard ${this.index}: message not sent (${error.message})`);
    });
  }

  /** Asks the shard to TEARDOWN its cameras and go; kills it if it has not gone in a second. */
  stop(): void {
    if (this.exited) return;
    this.send({ type: 'shutdown' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 1000);
    timer.unref();
    this.child.once('exit', () => clearTimeout(timer));
    this.exited = true;
    this.removeAllListeners();
  }
}
