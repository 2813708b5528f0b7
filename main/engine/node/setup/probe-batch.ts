// Probing many cameras with bounded concurrency (an installer's laptop and the site's uplink carry
// a few streams at once, not hundreds), reporting each result as it lands so a run over hundreds
// of cameras shows its progress. Results come in completion order; `done` counts them.
import { randomUUID } from 'node:crypto';
import type { ProbeResult } from '../../../../common/domain/camera-probe.js';
import { createLogger } from '../../../../common/logger.js';
import { TypedEmitter } from '../../../../common/typed-emitter.js';

const log = createLogger('probe-batch');

export const DEFAULT_PROBE_CONCURRENCY = 4;

export interface ProbeProgress {
  jobId: string;
  done: number;
  total: number;
}

export type ProbeBatchEvents = {
  result: [progress: ProbeProgress, result: ProbeResult];
  finished: [progress: ProbeProgress];
};

/** Probes one item; must not throw (a throw is logged and the item skipped, so `done` still counts it). */
export type ProbeOne<T> = (item: T, signal: AbortSignal) => Promise<ProbeResult>;

export class ProbeBatch<T> extends TypedEmitter<ProbeBatchEvents> {
  readonly jobId = randomUUID();
  private done = 0;
  private next = 0;
  private running = true;
  private readonly abort = new AbortController();
  /** Resolves when every item has been probed or the batch was cancelled. */
  finished: Promise<void> = Promise.resolve();

  /** Starts the probes; results are emitted from the next tick on, so listeners attached now hear all. */
  static start<T>(items: readonly T[], probe: ProbeOne<T>, concurrency = DEFAULT_PROBE_CONCURRENCY): ProbeBatch<T> {
    const batch = new ProbeBatch(items, probe);
    const workers = Math.max(1, Math.min(Math.floor(concurrency), items.length || 1));
    batch.finished = Promise.all(Array.from({ length: workers }, () => batch.work())).then(() => batch.finish());
    return batch;
  }

  private constructor(
    private readonly items: readonly T[],
    private readonly probe: ProbeOne<T>,
  ) {
    super();
  }

  get progress(): ProbeProgress {
    return { jobId: this.jobId, done: this.done, total: this.items.length };
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Stops starting probes and cuts the running ones short; `finished` still fires. */
  cancel(): void {
    this.abort.abort();
  }

  private async work(): Promise<void> {
    while (!this.abort.signal.aborted && this.next < this.items.length) {
      const item = this.items[this.next++] as T;
      let result: ProbeResult | undefined;
      try {
        result = await this.probe(item, this.abort.signal);
      } catch (error) {
        log.error('a probe failed internally', error);
      }
      this.done += 1;
      if (result && !this.abort.signal.aborted) this.safeEmit('result', this.progress, result);
    }
  }

  private finish(): void {
    this.running = false;
    this.safeEmit('finished', this.progress);
    this.removeAllListeners();
  }
}
