import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StreamCounter, lossBetween } from '../../../bench/capacity/stream-counter.js';

describe('capacity stream counter', () => {
  it('counts frames by marker bits and losses by sequence gaps across the 16-bit wrap', () => {
    const counter = new StreamCounter();
    // 65533..65535, then 0..4 with 1 and 3 lost: 8 expected, 6 received; a marker every 2 packets.
    const seqs = [65533, 65534, 65535, 0, 2, 4];
    seqs.forEach((seq, i) => counter.onPacket(seq, i % 2 === 1, 1000));
    assert.deepEqual(counter.counts, { packets: 6, bytes: 6000, frames: 3, expected: 8 });
    assert.equal(lossBetween({ packets: 0, bytes: 0, frames: 0, expected: 0 }, counter.counts), 2 / 8);
  });

  it('takes a late packet as received and does not move the highest number back', () => {
    const counter = new StreamCounter();
    for (const seq of [10, 11, 13, 12, 14]) counter.onPacket(seq, false, 1);
    assert.equal(counter.counts.expected, 5);
    assert.equal(lossBetween({ packets: 0, bytes: 0, frames: 0, expected: 0 }, counter.counts), 0);
  });
});
