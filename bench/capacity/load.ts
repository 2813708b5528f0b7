// The viewers open on one server under test, kept as batches in the receiver process: a step asks
// for a list of viewers (each the one before it extended, or cut back by the bisecting step) and
// only the difference is opened or closed. A batch is what one page would hold: one socket and
// one transport on our engine, a few separate PeerConnections on Janus.
import type { ReceiverProcess } from './receiver-process.js';

export interface Viewer {
  cameraId: string;
  stream: 'main' | 'sub';
}

/** How a server under test turns viewers into receiver batches. */
export interface BatchMaker {
  /** Viewers per batch. */
  readonly batchSize: number;
  /** The receiver's spec for one batch (may prepare the server first: Janus's mountpoints). */
  spec(viewers: Viewer[], batchIndex: number): Promise<Parameters<ReceiverProcess['open']>[0]>;
  /** A batch closed (our engine: its user may take another). */
  released(batchIndex: number): void;
}

const OPEN_AT_ONCE = 4;

export class Load {
  private readonly batches: { id: string; index: number; viewers: Viewer[] }[] = [];
  private nextIndex = 0;

  constructor(
    private readonly receiver: ReceiverProcess,
    private readonly maker: BatchMaker,
  ) {}

  get viewers(): Viewer[] {
    return this.batches.flatMap((b) => b.viewers);
  }

  /** Batch ids with their viewers, in order. */
  get open(): readonly { id: string; viewers: Viewer[] }[] {
    return this.batches;
  }

  /** Makes the open viewers `target` (which must extend the open ones, up to where they are cut). */
  async set(target: Viewer[]): Promise<void> {
    while (this.batches.length > 0 && this.viewers.length > target.length) await this.closeLast();
    const missing = target.slice(this.viewers.length);
    const chunks: Viewer[][] = [];
    for (let i = 0; i < missing.length; i += this.maker.batchSize) chunks.push(missing.slice(i, i + this.maker.batchSize));
    for (let i = 0; i < chunks.length; i += OPEN_AT_ONCE) {
      const opened = await Promise.allSettled(chunks.slice(i, i + OPEN_AT_ONCE).map((viewers) => this.openBatch(viewers)));
      const failed = opened.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
  }

  private async openBatch(viewers: Viewer[]): Promise<void> {
    const index = this.nextIndex++;
    try {
      const id = await this.receiver.open(await this.maker.spec(viewers, index));
      this.batches.push({ id, index, viewers });
      // Batches opened together may finish in any order; the list keeps the viewers' order.
      this.batches.sort((a, b) => a.index - b.index);
    } catch (error) {
      this.maker.released(index);
      throw error;
    }
  }

  private async closeLast(): Promise<void> {
    const batch = this.batches.pop()!;
    await this.receiver.close(batch.id);
    this.maker.released(batch.index);
  }

  async clear(): Promise<void> {
    while (this.batches.length > 0) await this.closeLast();
  }
}
