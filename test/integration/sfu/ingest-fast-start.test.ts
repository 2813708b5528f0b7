// Fast starts on real shard processes and sockets: the simulator serves RTSP, the feed forwards
// to one UDP sink (the shared PlainTransport) and each fast start sends to another (a viewer's own).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { h264NalType } from '../../../sfu/node/codec/h264-nal.js';
import { IngestShards, type FastStart, type FastStartEnd, type FastStartInfo, type Feed } from '../../../sfu/node/ingest-shards/index.js';
import { loadMediasoup } from '../../../sfu/node/load-mediasoup.js';
import { producerProfileLevelId, routerMediaCodecs } from '../../../sfu/node/router-codecs.js';
import { readRtp } from '../../../sfu/node/rtsp/rtp-packet.js';
import { CameraSimulator, MEDIA_CLIPS, mediaPath } from '../../../sim/index.js';
import { UdpSink } from '../../support/udp-sink.js';
import { until, waitFor } from '../../support/wait.js';

const FEED_SSRC = 0x5000_0001;

/** What a fast start said, with when (performance.now()). */
function record(fastStart: FastStart): { started?: FastStartInfo & { at: number }; ended?: { reason: FastStartEnd; at: number } } {
  const seen: { started?: FastStartInfo & { at: number }; ended?: { reason: FastStartEnd; at: number } } = {};
  fastStart.on('started', (info) => (seen.started = { ...info, at: performance.now() }));
  fastStart.on('ended', (reason) => (seen.ended = { reason, at: performance.now() }));
  return seen;
}

describe('fast starts: a viewer gets the cached GOP at once, then live up to the next keyframe', () => {
  let sim: CameraSimulator;
  let shards: IngestShards;
  const cleanups: (() => void)[] = [];

  before(async () => {
    sim = await CameraSimulator.create({
      port: 0,
      cameras: [
        { id: 'cam-2s', main: mediaPath(MEDIA_CLIPS.main720Gop2), sub: mediaPath(MEDIA_CLIPS.sub360Gop2) },
        { id: 'cam-4s', main: mediaPath(MEDIA_CLIPS.main720Gop4) },
      ],
    });
    shards = await IngestShards.create({ count: 1 });
  });

  after(async () => {
    for (const cleanup of cleanups.reverse()) cleanup();
    shards?.close();
    await sim?.close();
  });

  async function sink(): Promise<UdpSink> {
    const opened = await UdpSink.open();
    cleanups.push(() => opened.close());
    return opened;
  }

  async function forwardingFeed(cameraId: string, stream: 'main' | 'sub'): Promise<{ feed: Feed; shared: UdpSink }> {
    const shared = await sink();
    const feed = shards.open(`${cameraId}/${stream}`, { endpoint: { url: sim.url(cameraId, stream), transport: 'tcp' }, ssrc: FEED_SSRC, payloadType: 96, target: shared.target });
    cleanups.push(() => feed.close());
    await until(`${cameraId} live`, 5000, () => feed.state === 'live');
    feed.startForwarding();
    return { feed, shared };
  }

  /** Waits until `intoGopMs` after a keyframe reached the shared sink; the feed's cache size meanwhile, at most. */
  async function midGop(feed: Feed, shared: UdpSink, intoGopMs: number, gopMs: number): Promise<number> {
    let most = 0;
    await until('mid-GOP', gopMs * 2 + 3000, () => {
      most = Math.max(most, feed.cacheBytes);
      const last = shared.arrivals.findLast((a) => a.keyframe);
      return last !== undefined && performance.now() - last.at >= intoGopMs && performance.now() - last.at < intoGopMs + 100;
    }, 10);
    return most;
  }

  for (const { cameraId, stream, gopMs } of [
    { cameraId: 'cam-2s', stream: 'sub' as const, gopMs: 2000 },
    { cameraId: 'cam-4s', stream: 'main' as const, gopMs: 4000 },
  ]) {
    it(`${cameraId}/${stream}: keyframe-led GOP within 100 ms, then live, ended 'keyframe' at the camera's next, apart from the shared stream`, async (t) => {
      const { feed, shared } = await forwardingFeed(cameraId, stream);
      const mostCached = await midGop(feed, shared, gopMs * 0.6, gopMs);
      const viewer = await sink();
      const calledAt = performance.now();
      const fastStart = feed.fastStart({ ssrc: 0xfa57_0001, target: viewer.target });
      const seen = record(fastStart);
      const first = await waitFor('first fast-start packet', 1000, () => viewer.arrivals[0], 2);
      const firstMs = first.at - calledAt;
      assert.ok(firstMs < 100, `first packet ${firstMs.toFixed(1)} ms after fastStart()`);
      await until('started', 1000, () => seen.started !== undefined, 5);
      const started = seen.started!;
      assert.equal(h264NalType(readRtp(first.packet)!.payload[0]!), 7, 'the GOP opens with the SPS');
      assert.equal(h264NalType(readRtp(viewer.arrivals[1]!.packet)!.payload[0]!), 8, 'then the PPS');
      assert.ok(started.frames > 5, `${started.frames} cached frames`);
      assert.ok(Math.abs(started.gopAgeMs - gopMs * 0.6) < 250, `the cached keyframe is ${started.gopAgeMs} ms old`);
      const cachedBytes = viewer.arrivals.slice(0, started.packets).reduce((sum, a) => sum + a.bytes, 0);

      await until('ended', gopMs + 2000, () => seen.ended !== undefined, 5);
      assert.equal(seen.ended!.reason, 'keyframe');
      const sharedKeyframe = shared.arrivals.findLast((a) => a.keyframe)!;
      assert.ok(sharedKeyframe.at > calledAt, 'the camera sent its next keyframe meanwhile');
      assert.ok(Math.abs(seen.ended!.at - sharedKeyframe.at) < 100, `ended ${(seen.ended!.at - sharedKeyframe.at).toFixed(0)} ms from the shared keyframe`);
      await new Promise((r) => setTimeout(r, 200));

      const got = viewer.arrivals;
      const live = got.length - started.packets;
      assert.ok(live > 10, `live packets after the cached GOP: ${live}`);
      got.forEach((a, i) => assert.equal(a.seq, (got[0]!.seq + i) & 0xffff, `fast-start packet ${i} in sequence, none lost`));
      for (let i = 1; i < got.length; i++) assert.ok(((got[i]!.ts - got[i - 1]!.ts) >>> 0) < 0x80000000, `timestamp ${i} moves forward`);
      assert.deepEqual(new Set(got.filter((a) => a.keyframe).map((a) => a.ts)), new Set([got[0]!.ts]), 'no keyframe but the cached one');
      assert.ok(got.at(-1)!.at <= sharedKeyframe.at + 5, 'nothing after the keyframe reached the shared stream');
      assert.deepEqual(new Set(got.map((a) => a.ssrc)), new Set([0xfa57_0001]), 'the fast start carries only its SSRC');
      assert.deepEqual(new Set(shared.arrivals.map((a) => a.ssrc)), new Set([FEED_SSRC]), 'the shared stream carries none of it');
      assert.notEqual(first.fromPort, shared.arrivals[0]!.fromPort, 'from a socket of its own');
      // A whole GOP, as the shared stream carried it: from the keyframe before the fast start to the next.
      const keyframeTs = [...new Set(shared.arrivals.filter((a) => a.keyframe).map((a) => a.ts))];
      const whole = shared.arrivals.filter((a) => a.ts === keyframeTs.at(-2) || (a.ts !== keyframeTs.at(-1) && a.at > shared.arrivals.find((b) => b.ts === keyframeTs.at(-2))!.at && a.at < sharedKeyframe.at));
      t.diagnostic(
        `first packet ${firstMs.toFixed(1)} ms after fastStart(); cached ${started.frames} frames, ${started.packets} packets, ` +
          `${cachedBytes} bytes, keyframe ${started.gopAgeMs} ms old; ${live} live packets; feed cache up to ${mostCached} bytes at a report; ` +
          `whole GOP ${new Set(whole.map((a) => a.ts)).size} frames, ${whole.reduce((sum, a) => sum + a.bytes, 0)} bytes`,
      );
      const stats = shards.stats()[0]!;
      assert.ok(stats.cacheBytes > 0 && stats.cacheBytes <= stats.cacheBudgetBytes, `shard caches ${stats.cacheBytes} bytes`);
      feed.close();
    });
  }

  it("the 9th concurrent fast start on a feed is 'busy'; the shard reports 8 running", async () => {
    const { feed, shared } = await forwardingFeed('cam-4s', 'main');
    await midGop(feed, shared, 50, 4000); // just after a keyframe: nearly 4 s before the next one ends them
    const viewer = await sink();
    const seen = Array.from({ length: 9 }, (_, i) => record(feed.fastStart({ ssrc: 0xb000_0000 + i, target: viewer.target })));
    await until('eight started, one busy', 1000, () => seen.filter((s) => s.started).length === 8 && seen[8]!.ended !== undefined, 5);
    assert.equal(seen[8]!.ended!.reason, 'busy');
    assert.deepEqual(seen.slice(0, 8).map((s) => s.ended), Array(8).fill(undefined));
    await until('reported', 1200, () => shards.stats()[0]!.fastStarts === 8, 20);
    assert.equal(new Set(viewer.arrivals.map((a) => a.fromPort)).size, 8, 'each from its own socket');
    feed.close();
    assert.deepEqual(seen.slice(0, 8).map((s) => s.ended?.reason), Array(8).fill('closed'), "the feed's close ends them");
    await new Promise((r) => setTimeout(r, 100)); // what was on its way when the shard heard
    const arrived = viewer.arrivals.length;
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(viewer.arrivals.length, arrived, 'and the shard stops sending them');
  });

  it("a camera not yet live answers 'no-gop' at once", async () => {
    const viewer = await sink();
    const feed = shards.open('cam-4s/main', { endpoint: { url: sim.url('cam-4s', 'main'), transport: 'tcp' }, ssrc: 7, payloadType: 96, target: viewer.target });
    cleanups.push(() => feed.close());
    const calledAt = performance.now();
    const seen = record(feed.fastStart({ ssrc: 8, target: viewer.target }));
    await until('ended', 1000, () => seen.ended !== undefined, 2);
    assert.equal(seen.ended!.reason, 'no-gop');
    assert.ok(seen.ended!.at - calledAt < 100, `answered in ${(seen.ended!.at - calledAt).toFixed(1)} ms`);
    assert.equal(viewer.arrivals.length, 0);
    feed.close();
  });

  it('into a real mediasoup PlainTransport: a consumer gets the keyframe within 300 ms of fastStart(), and every packet after', async (t) => {
    const mediasoup = await loadMediasoup();
    const worker = await mediasoup.createWorker({ logLevel: 'warn' });
    cleanups.push(() => worker.close());
    const router = await worker.createRouter({ mediaCodecs: routerMediaCodecs });
    const { feed, shared } = await forwardingFeed('cam-4s', 'main');
    await midGop(feed, shared, 2000, 4000);
    // What the engine makes for one viewer: its own comedia transport and a producer of the fast stream.
    const plain = await router.createPlainTransport({ listenIp: { ip: '127.0.0.1' }, rtcpMux: true, comedia: true });
    const ssrc = 0xfa57_0002;
    const producer = await plain.produce({
      kind: 'video',
      rtpParameters: {
        codecs: [{ mimeType: 'video/H264', payloadType: 96, clockRate: 90000, parameters: { 'packetization-mode': 1, 'profile-level-id': producerProfileLevelId(feed.profileLevelId) } }],
        encodings: [{ ssrc }],
      },
    });
    const direct = await router.createDirectTransport();
    const consumer = await direct.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
    const got: { at: number; nalType: number; seq: number }[] = [];
    // The consumer's packets carry mediasoup's header extensions: read past them.
    consumer.on('rtp', (packet) => got.push({ at: performance.now(), nalType: h264NalType(readRtp(packet)!.payload[0]!), seq: packet.readUInt16BE(2) }));
    const calledAt = performance.now();
    const seen = record(feed.fastStart({ ssrc, target: { ip: plain.tuple.localIp, port: plain.tuple.localPort } }));
    const first = await waitFor('the consumer forwards', 1000, () => got[0], 2);
    const firstMs = first.at - calledAt;
    assert.equal(first.nalType, 7, "it starts at the cached keyframe's SPS");
    assert.ok(firstMs < 300, `first packet out of the consumer ${firstMs.toFixed(1)} ms after fastStart()`);
    await until('ended', 4000, () => seen.ended !== undefined, 10);
    assert.equal(seen.ended!.reason, 'keyframe');
    await new Promise((r) => setTimeout(r, 100));
    const [stats] = await producer.getStats();
    assert.equal(stats!.packetsLost, 0, 'the producer saw no gap');
    got.forEach((p, i) => assert.equal(p.seq, (got[0]!.seq + i) & 0xffff, `consumer packet ${i} in sequence`));
    t.diagnostic(`mediasoup consumer: first packet ${firstMs.toFixed(1)} ms after fastStart(), ${got.length} packets, ${seen.started!.frames} cached frames`);
    worker.close();
    feed.close();
  });

  it("a fast start whose shard is killed ends 'lost'", async () => {
    const { feed, shared } = await forwardingFeed('cam-4s', 'main');
    await midGop(feed, shared, 500, 4000);
    const viewer = await sink();
    const seen = record(feed.fastStart({ ssrc: 9, target: viewer.target }));
    await until('started', 1000, () => seen.started !== undefined, 5);
    process.kill(shards.pids[0]!, 'SIGKILL');
    await until('ended', 2000, () => seen.ended !== undefined, 5);
    assert.equal(seen.ended!.reason, 'lost');
  });
});
