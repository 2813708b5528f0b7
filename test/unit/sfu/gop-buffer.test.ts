import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GopBuffer } from '../../../sfu/node/ingest-shards/gop-buffer.js';

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

describe('GopBuffer: the current GOP held for a first consumer', () => {
  it('holds from the latest keyframe on and drops what came before it', () => {
    const gop = new GopBuffer();
    gop.push(packet(P_SLICE, 0)); // no keyframe seen yet: undecodable
    assert.equal(gop.size, 0);
    const first = packet(SPS, 3000);
    gop.push(first);
    gop.push(packet(P_SLICE, 6000));
    const second = packet(SPS, 9000);
    const secondTail = packet(P_SLICE, 12_000);
    gop.push(second);
    gop.push(secondTail);
    assert.deepEqual(gop.take().map(seqOf), [seqOf(second), seqOf(secondTail)]);
    assert.equal(gop.size, 0, 'take leaves it empty');
    gop.push(packet(P_SLICE, 15_000));
    assert.equal(gop.size, 0, 'after take it waits for the next keyframe');
  });

  it('keeps a keyframe spread over several packets with one timestamp whole', () => {
    const gop = new GopBuffer();
    gop.push(packet(SPS, 100));
    gop.push(packet([0x65, 0x88], 100)); // the IDR of the same access unit
    gop.push(packet(P_SLICE, 3100));
    assert.equal(gop.size, 3);
  });

  it('a camera that never sends a keyframe leaves it empty however long it runs', () => {
    const gop = new GopBuffer();
    for (let i = 0; i < 20_000; i++) gop.push(packet(P_SLICE, i * 3000, 1000));
    assert.equal(gop.size, 0);
    assert.equal(gop.byteLength, 0);
  });

  it('a GOP over the byte bound is dropped until the next keyframe', () => {
    const gop = new GopBuffer({ maxBytes: 50_000 });
    gop.push(packet(SPS, 0));
    for (let i = 1; i <= 100; i++) {
      gop.push(packet(P_SLICE, i * 3000, 1000));
      assert.ok(gop.byteLength <= 50_000, `bounded at packet ${i}: ${gop.byteLength}`);
    }
    assert.equal(gop.size, 0, 'the oversized GOP is not kept in part');
    gop.push(packet(SPS, 400_000));
    assert.equal(gop.size, 1, 'the next keyframe starts a new one');
  });

  it('a GOP longer than the time bound is dropped, across a timestamp wrap too', () => {
    const gop = new GopBuffer({ maxMs: 1000 });
    const start = 2 ** 32 - 45_000; // wraps half a second in
    gop.push(packet(SPS, start));
    gop.push(packet(P_SLICE, start + 80_000));
    assert.equal(gop.size, 2, 'under a second, across the wrap');
    gop.push(packet(P_SLICE, start + 91_000));
    assert.equal(gop.size, 0);
  });
});
