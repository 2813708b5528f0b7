import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeLoad } from '../../../sfu/node/sfu.js';

describe('the media plane load line in the log', () => {
  it('names every worker and shard with what it carries, and a worker being replaced', () => {
    const line = describeLoad({
      pulls: 3,
      workers: [
        { index: 0, alive: true, restarts: 0, pid: 11, transports: 5, producers: 2, consumers: 9 },
        { index: 1, alive: false, restarts: 1 },
      ],
      shards: [{ index: 0, pid: 21, cameras: 3, restarts: 0, cpu: 0.02, cacheBytes: 2_500_000, cacheBudgetBytes: 256e6, fastStarts: 1 }],
    });
    assert.equal(line, 'media plane: 3 pulls; worker 0 pid 11: 5 transports, 2 producers, 9 consumers; worker 1: restarting; shard 0 pid 21: 3 cameras, 2.5 MB GOP cache, 1 fast starts');
  });
});
