import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CacheBudget } from '../../../sfu/node/ingest-shards/cache-budget.js';
import { GopCache, type GopCacheLimits } from '../../../sfu/node/ingest-shards/gop-cache.js';

const SPS = [0x67, 0x42, 0xe0, 0x1f];
const P_SLICE = [0x41, 0x9a, 0x00];

let seq = 0;
function packet(payload: number[], timestamp: number, size = 0): Buffer {
  const header = Buffer.alloc(12);
  header[0] = 0x80;
  header[1] = 96;
  header.writeUInt16BE(seq++ & 0xffff, 2);
  header.writeUInt32BE(timestamp >>> 0, 4);
  return Buffer.concat([header, Buffer.from(payload), Buffer.alloc(size)]);
}

const seqOf = (p: Buffer): number => p.readUInt16BE(2);
const cache = (limits?: GopCacheLimits, budget = new CacheBudget()): GopCache => new GopCache(budget, 'cam-1/sub', limits);

describe('GopCache: the current GOP of a camera stream, always kept', () => {
  it('holds from the latest keyframe on, drops what came before it, and a snapshot stays as taken', () => {
    const gop = cache();
    gop.push(packet(P_SLICE, 0)); // no keyframe seen yet: undecodable
    assert.equal(gop.size, 0);
    assert.equal(gop.snapshot(), undefined);
    gop.push(packet(SPS, 3000), 1000);
    gop.push(packet(P_SLICE, 6000));
    const second = packet(SPS, 9000);
    const secondTail = packet(P_SLICE, 12_000);
    gop.push(second, 2000);
    gop.push(secondTail);
    const snapshot = gop.snapshot()!;
    assert.deepEqual(snapshot.packets.map(seqOf), [seqOf(second), seqOf(secondTail)]);
    assert.equal(snapshot.keyframeAtMs, 2000, 'when its keyframe arrived');
    gop.push(packet(P_SLICE, 15_000));
    assert.equal(gop.size, 3, 'a snapshot leaves the cache as it was: it keeps filling');
    assert.equal(snapshot.packets.length, 2, 'and the snapshot does not grow with it');
    gop.push(packet(SPS, 18_000));
    assert.equal(snapshot.packets.length, 2, 'nor change when a new GOP starts');
  });

  it('keeps a keyframe spread over several packets with one timestamp whole', () => {
    const gop = cache();
    gop.push(packet(SPS, 100));
    gop.push(packet([0x65, 0x88], 100)); // the IDR of the same access unit
    gop.push(packet(P_SLICE, 3100));
    assert.equal(gop.size, 3);
  });

  it('a camera that never sends a keyframe leaves it empty however long it runs, and takes none of the budget', () => {
    const budget = new CacheBudget();
    const gop = cache({}, budget);
    for (let i = 0; i < 20_000; i++) gop.push(packet(P_SLICE, i * 3000, 1000));
    assert.equal(gop.size, 0);
    assert.equal(gop.byteLength, 0);
    assert.equal(budget.bytes, 0);
  });

  it('a GOP over the byte bound is dropped until the next keyframe', () => {
    const budget = new CacheBudget();
    const gop = cache({ maxBytes: 50_000 }, budget);
    gop.push(packet(SPS, 0));
    for (let i = 1; i <= 100; i++) {
      gop.push(packet(P_SLICE, i * 3000, 1000));
      assert.ok(gop.byteLength <= 50_000, `bounded at packet ${i}: ${gop.byteLength}`);
    }
    assert.equal(gop.size, 0, 'the oversized GOP is not kept in part');
    assert.equal(budget.bytes, 0, 'and its bytes are given back');
    gop.push(packet(SPS, 400_000));
    assert.equal(gop.size, 1, 'the next keyframe starts a new one');
  });

  it('a GOP longer than the time bound is dropped, across a timestamp wrap too', () => {
    const gop = cache({ maxMs: 1000 });
    const start = 2 ** 32 - 45_000; // wraps half a second in
    gop.push(packet(SPS, start));
    gop.push(packet(P_SLICE, start + 80_000));
    assert.equal(gop.size, 2, 'under a second, across the wrap');
    gop.push(packet(P_SLICE, start + 91_000));
    assert.equal(gop.size, 0);
  });

  it("over the shard's budget the feed adding bytes drops its GOP; the others keep theirs", () => {
    const budget = new CacheBudget(30_000);
    const [a, b] = [cache({}, budget), cache({}, budget)];
    a.push(packet(SPS, 0, 10_000));
    b.push(packet(SPS, 0, 10_000));
    a.push(packet(P_SLICE, 3000, 5000));
    assert.equal(budget.bytes, a.byteLength + b.byteLength);
    b.push(packet(P_SLICE, 3000, 6000)); // 31 kB together: b is the one adding
    assert.deepEqual([a.size, b.size], [2, 0]);
    assert.equal(budget.bytes, a.byteLength);
    b.push(packet(P_SLICE, 6000, 100));
    assert.equal(b.size, 0, 'b waits for its next keyframe');
    b.push(packet(SPS, 9000, 100));
    assert.equal(b.size, 1);
    a.clear();
    b.clear();
    assert.equal(budget.bytes, 0);
  });
});
