// A fast start's RTP from a cached GOP and the live packets after it, as the ingest sends them:
// SPS and PPS in front of every IDR, frames over several FU-A packets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startsKeyframe } from '../../../sfu/node/codec/h264-nal.js';
import { CacheBudget } from '../../../sfu/node/ingest-shards/cache-budget.js';
import { FRAME_SPACING_TICKS, FastStartRewriter } from '../../../sfu/node/ingest-shards/fast-start-rewriter.js';
import { GopCache } from '../../../sfu/node/ingest-shards/gop-cache.js';
import { readRtp } from '../../../sfu/node/rtsp/rtp-packet.js';
import { CameraStream, depacketise } from '../../support/h264.js';

const FAST_SSRC = 0xfa57;

/** A camera 30 fps with a 30-frame GOP, `framesIn` frames past its keyframe, its GOP cached. */
function midGop(framesIn: number, start = { seq: 65_500, ts: 2 ** 32 - 30_000 }): { camera: CameraStream; gop: Buffer[]; all: Buffer[] } {
  const camera = new CameraStream({ inBandParameterSets: true, gop: 30, idrSize: 4000, sliceSize: 1500, maxPayload: 1200 }, start);
  const cache = new GopCache(new CacheBudget(), 'cam');
  const all: Buffer[] = [];
  for (let i = 0; i <= framesIn; i++) {
    for (const packet of camera.nextFrame()) {
      cache.push(packet);
      all.push(packet);
    }
  }
  return { camera, gop: [...cache.snapshot()!.packets], all };
}

const seqOf = (p: Buffer): number => p.readUInt16BE(2);
const tsOf = (p: Buffer): number => p.readUInt32BE(4);

describe('FastStartRewriter: a cached GOP, then live to the next keyframe, as a stream of its own', () => {
  it('starts with SPS and PPS, then the IDR, and keeps every payload and marker', () => {
    const { gop } = midGop(10);
    const out = new FastStartRewriter({ ssrc: FAST_SSRC, seqBase: 7 }).cached(gop);
    const units = depacketise(out.packets.slice(0, 8));
    assert.deepEqual(units.slice(0, 3).map((u) => (u[0] as number) & 0x1f), [7, 8, 5], 'SPS, PPS, IDR');
    assert.equal(out.frames, 11);
    assert.equal(out.packets.length, gop.length);
    for (const [i, packet] of out.packets.entries()) {
      const [a, b] = [readRtp(packet)!, readRtp(gop[i]!)!];
      assert.ok(a.payload.equals(b.payload) && a.marker === b.marker && a.payloadType === b.payloadType, `packet ${i} carries what the camera sent`);
      assert.equal(a.ssrc, FAST_SSRC);
    }
    assert.equal(readRtp(gop[0]!)!.ssrc, 0x11223344, 'the cached packets themselves are left as they were');
  });

  it('sequence numbers run on from their base without a gap, from cached into live, across the wrap', () => {
    const { camera, gop } = midGop(20);
    const rewriter = new FastStartRewriter({ ssrc: FAST_SSRC, seqBase: 0xfff0 });
    const out = [...rewriter.cached(gop).packets];
    for (let f = 0; f < 5; f++) for (const packet of camera.nextFrame()) out.push(rewriter.live(packet)!);
    out.forEach((packet, i) => assert.equal(seqOf(packet), (0xfff0 + i) & 0xffff, `packet ${i}`));
  });

  it('cached frames go 3 ms apart; live frames keep their spacing, one frame interval after the last cached', () => {
    const { camera, gop } = midGop(20);
    const rewriter = new FastStartRewriter({ ssrc: FAST_SSRC, seqBase: 0 });
    const cached = rewriter.cached(gop).packets;
    const frameTs = (packets: Buffer[]): number[] => [...new Set(packets.map(tsOf))];
    const cachedTs = frameTs(cached);
    assert.equal(cachedTs[0], tsOf(gop[0]!), 'the keyframe keeps its timestamp');
    for (let i = 1; i < cachedTs.length; i++) assert.equal((cachedTs[i]! - cachedTs[i - 1]!) >>> 0, FRAME_SPACING_TICKS);
    const live: Buffer[] = [];
    for (let f = 0; f < 4; f++) for (const packet of camera.nextFrame()) live.push(rewriter.live(packet)!);
    const liveTs = frameTs(live);
    assert.equal((liveTs[0]! - cachedTs.at(-1)!) >>> 0, 3000, 'one frame interval (30 fps) after the last cached frame');
    for (let i = 1; i < liveTs.length; i++) assert.equal((liveTs[i]! - liveTs[i - 1]!) >>> 0, 3000);
    const all = [...cached, ...live].map(tsOf);
    for (let i = 1; i < all.length; i++) assert.ok(((all[i]! - all[i - 1]!) >>> 0) < 0x80000000, `timestamp ${i} does not go back`);
  });

  it('a frame cut in two by the snapshot keeps one timestamp', () => {
    const { camera, gop } = midGop(3);
    const nextFrame = camera.nextFrame();
    assert.ok(nextFrame.length >= 2);
    const rewriter = new FastStartRewriter({ ssrc: FAST_SSRC, seqBase: 0 });
    const cached = rewriter.cached([...gop, nextFrame[0]!]).packets;
    const rest = rewriter.live(nextFrame[1]!)!;
    assert.equal(tsOf(rest), tsOf(cached.at(-1)!));
  });

  it("stops at the live stream's next keyframe, which it does not send, and sends nothing after", () => {
    const { camera, gop } = midGop(25);
    const rewriter = new FastStartRewriter({ ssrc: FAST_SSRC, seqBase: 0 });
    rewriter.cached(gop);
    let sent = 0;
    for (let f = 0; f < 4; f++) for (const packet of camera.nextFrame()) sent += rewriter.live(packet) ? 1 : 0;
    assert.ok(!rewriter.ended, 'frames 26-29 still belong to the cached GOP');
    const keyframe = camera.nextFrame();
    assert.ok(startsKeyframe(keyframe[0]!));
    assert.equal(rewriter.live(keyframe[0]!), undefined);
    assert.ok(rewriter.ended);
    for (const packet of [...keyframe.slice(1), ...camera.nextFrame()]) assert.equal(rewriter.live(packet), undefined);
    assert.ok(sent > 0);
  });

  it('the rest of a keyframe the snapshot cut in two is sent, not taken for the next one', () => {
    const { all } = midGop(0); // the keyframe alone: SPS, PPS, IDR fragments
    const rewriter = new FastStartRewriter({ ssrc: FAST_SSRC, seqBase: 0 });
    rewriter.cached(all.slice(0, 1)); // only the SPS was cached
    for (const packet of all.slice(1)) assert.ok(rewriter.live(packet), 'part of the cached keyframe');
    assert.ok(!rewriter.ended);
  });
});
