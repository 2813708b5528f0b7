// The capacity bench's handle on its receiver process (receiver-host.ts): open and close batches
// of viewers, and read the streams' counts it reports every half second.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineBatchSpec } from './engine-viewers.js';
import type { JanusBatchSpec } from './janus-viewers.js';
import type { StreamCounts } from './stream-counter.js';

export type ReceiverCommand =
  | { type: 'open'; id: string; engine?: EngineBatchSpec; janus?: JanusBatchSpec }
  | { type: 'close'; id: string }
  /** Starts Janus beside the receivers (inside their network namespace, where it can reach them). */
  | { type: 'janus'; id: string }
  | { type: 'exit' };

export type ReceiverReport =
  | { type: 'ready'; pid: number }
  | { type: 'opened'; id: string }
  | { type: 'failed'; id: string; why: string }
  | { type: 'closed'; id: string }
  | { type: 'janus-started'; id: string; pid: number; apiUrl: string }
  | { type: 'counts'; at: number; batches: Record<string, StreamCounts[]> };

export type CountsReport = Extract<ReceiverReport, { type: 'counts' }>;

const here = path.dirname(fileURLToPath(import.meta.url));

export class ReceiverProcess {
  private latest: CountsReport | undefined;
  private readonly waiting = new Map<string, (report: ReceiverReport) => void>();
  private readonly exited: Promise<void>;
  private nextId = 1;

  /** `wrap` runs it elsewhere (the bench's network namespace); `address` is the one its peers use. */
  static async start(options: { wrap?: (argv: string[]) => string[]; address?: string } = {}): Promise<ReceiverProcess> {
    const [command, ...args] = (options.wrap ?? ((a) => a))([process.execPath, '--import', 'tsx', path.join(here, 'receiver-host.ts')]);
    const child = spawn(command!, args, {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, ...(options.address ? { BENCH_RECEIVER_ADDRESS: options.address } : {}) },
    });
    const pid = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('receiver process did not start within 30 s')), 30_000);
      child.once('exit', (code) => reject(new Error(`receiver process exited with ${code} before it was ready`)));
      child.once('message', (m: ReceiverReport) => {
        clearTimeout(timer);
        if (m.type === 'ready') resolve(m.pid);
        else reject(new Error(`receiver process said ${m.type} first`));
      });
    });
    return new ReceiverProcess(child, pid);
  }

  private constructor(
    private readonly child: ChildProcess,
    readonly pid: number,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    // A receiver that dies answers every open question with a failure, never with silence.
    child.once('exit', (code) => {
      for (const [id, answer] of [...this.waiting]) answer({ type: 'failed', id, why: `receiver process exited with ${code}` });
    });
    child.on('message', (m: ReceiverReport) => {
      if (m.type === 'counts') this.latest = m;
      else if (m.type !== 'ready') this.waiting.get(m.id)?.(m);
    });
  }

  /** Opens a batch of viewers; resolves with its id once every stream is connected and resumed. */
  async open(spec: { engine: EngineBatchSpec } | { janus: JanusBatchSpec }): Promise<string> {
    const id = `b${this.nextId++}`;
    const report = await this.ask({ type: 'open', id, ...spec });
    if (report.type === 'failed') throw new Error(`viewers ${id}: ${report.why}`);
    return id;
  }

  async close(id: string): Promise<void> {
    await this.ask({ type: 'close', id });
  }

  /** Janus started by the receiver process (it stops with it). */
  async startJanus(): Promise<{ pid: number; apiUrl: string }> {
    const report = await this.ask({ type: 'janus', id: `j${this.nextId++}` });
    if (report.type === 'failed') throw new Error(report.why);
    if (report.type !== 'janus-started') throw new Error(`janus: ${report.type}`);
    return { pid: report.pid, apiUrl: report.apiUrl };
  }

  private ask(command: Extract<ReceiverCommand, { id: string }>): Promise<ReceiverReport> {
    return new Promise((resolve) => {
      this.waiting.set(command.id, (report) => {
        this.waiting.delete(command.id);
        resolve(report);
      });
      if (this.child.connected) this.child.send(command);
      else resolve({ type: 'failed', id: command.id, why: 'receiver process is gone' });
    });
  }

  /** The first report made after `after` (epoch ms). */
  async countsAfter(after: number, timeoutMs = 5000): Promise<CountsReport> {
    const deadline = Date.now() + timeoutMs;
    while (!this.latest || this.latest.at <= after) {
      if (Date.now() > deadline) throw new Error('the receiver process has stopped reporting');
      await new Promise((r) => setTimeout(r, 50));
    }
    return this.latest;
  }

  /** Closes every batch and ends the process. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.connected) this.child.send({ type: 'exit' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}
