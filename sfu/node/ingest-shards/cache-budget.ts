// The bytes every GOP cache of one shard may hold together. A cache that would push the shard
// over drops its GOP and waits for its next keyframe, so a shard with many cameras (or a few at
// very high rates) stays within its memory whatever their GOPs are: it loses fast starts first.
import { createLogger } from '../../../common/logger.js';

const log = createLogger('ingest-shard');

/** Default 256 MB: 64 cameras at a full 4 MB GOP each. */
export const DEFAULT_CACHE_BUDGET_BYTES = 256 * 1024 * 1024;

export class CacheBudget {
  private used = 0;
  private warned = false;

  constructor(readonly maxBytes = DEFAULT_CACHE_BUDGET_BYTES) {}

  /** Bytes held by every cache of the shard now. */
  get bytes(): number {
    return this.used;
  }

  /** Takes `bytes` if they fit; the first refusal is logged, later ones would only repeat it. */
  take(bytes: number, who: string): boolean {
    if (this.used + bytes > this.maxBytes) {
      if (!this.warned) log.warn(`GOP caches reached the shard's ${this.maxBytes} bytes: ${who} and others drop their GOP and fast starts wait for a keyframe`);
      this.warned = true;
      return false;
    }
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}
