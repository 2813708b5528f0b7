import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Sfu } from '../../../sfu/index.js';
import { CameraSimulator, MEDIA_CLIPS, mediaPath } from '../../../sim/index.js';
import { until } from '../../support/wait.js';

describe('on-demand camera pulls into a real mediasoup router', () => {
  let sim: CameraSimulator;
  let sfu: Sfu;

  before(async () => {
    sim = await CameraSimulator.create({
      port: 0,
      cameras: [
        { id: 'cam-a', main: mediaPath(MEDIA_CLIPS.main720Gop2), sub: mediaPath(MEDIA_CLIPS.sub360Gop2) },
        { id: 'cam-hevc', main: mediaPath(MEDIA_CLIPS.h265) },
        { id: 'cam-big', main: mediaPath(MEDIA_CLIPS.main720Gop1), oversizedPackets: true },
      ],
    });
    sfu = await Sfu.create({
      listenIp: '127.0.0.1',
      pullGraceMs: 300,
      ingestShards: 2,
      resolveEndpoint: (cameraId, stream) => ({ cameraId, stream, url: sim.url(cameraId, stream), transport: 'tcp' }),
    });
  });

  after(async () => {
    sfu?.close();
    await sim?.close();
  });

  it('two viewers arriving together start one pull, which goes live and feeds a producer', async () => {
    const [a, b] = await Promise.all([sfu.sources.acquire('cam-a', 'sub'), sfu.sources.acquire('cam-a', 'sub')]);
    assert.equal(a, b);
    await until('live', 5000, () => a.state === 'live' && a.producer !== undefined);
    assert.equal(sim.activeSessions('cam-a'), 1);
    // Held back until a viewer is ready, so the opening keyframe is not wasted on nobody.
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await a.producer!.getStats()).length, 0, 'nothing forwarded before a consumer is ready');
    a.startForwarding();
    await until('producer bytes', 5000, async () => ((await a.producer!.getStats())[0]?.byteCount ?? 0) > 50_000);
    const [stats] = await a.producer!.getStats();
    assert.equal(stats!.mimeType, 'video/H264');
  });

  it('the last viewer leaving stops the pull after the grace period, not before', async () => {
    sfu.sources.release('cam-a', 'sub');
    sfu.sources.release('cam-a', 'sub');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(sim.activeSessions('cam-a'), 1, 'still pulled during the grace period');
    await until('pull stopped', 3000, () => sim.activeSessions('cam-a') === 0);
    assert.deepEqual(sfu.sources.activeKeys, []);
  });

  it('a viewer returning within the grace period reuses the running pull', async () => {
    const first = await sfu.sources.acquire('cam-a', 'main');
    await until('live', 5000, () => first.state === 'live');
    sfu.sources.release('cam-a', 'main');
    const again = await sfu.sources.acquire('cam-a', 'main');
    assert.equal(again, first);
    assert.equal(sim.activeSessions('cam-a'), 1);
    sfu.sources.release('cam-a', 'main');
  });

  it('an H.265 camera is reported unsupported: H.265 and produces nothing', async () => {
    const source = await sfu.sources.acquire('cam-hevc', 'main');
    await until('unsupported', 5000, () => source.state === 'unsupported');
    assert.match(source.detail ?? '', /H\.265/);
    assert.equal(source.producer, undefined);
    sfu.sources.release('cam-hevc', 'main');
  });

  it('a camera sending packets above the path MTU is re-packetised, not dropped', async () => {
    const source = await sfu.sources.acquire('cam-big', 'main');
    await until('live', 5000, () => source.state === 'live' && source.producer !== undefined);
    source.startForwarding();
    await until('producer bytes', 5000, async () => ((await source.producer!.getStats())[0]?.byteCount ?? 0) > 50_000);
    sfu.sources.release('cam-big', 'main');
  });

  it('an ingest shard killed under a pulled camera: the same producer carries it again within 3 s', async (t) => {
    const source = await sfu.sources.acquire('cam-a', 'main');
    await until('live', 5000, () => source.state === 'live' && source.producer !== undefined);
    source.startForwarding();
    const producer = source.producer!;
    const bytes = async (): Promise<number> => (await producer.getStats())[0]?.byteCount ?? 0;
    await until('producer bytes', 5000, async () => (await bytes()) > 50_000);
    const index = sfu.health().shards.findIndex((s) => s.cameras > 0);
    const restarted = new Promise<void>((resolve) => sfu.once('restarted', (r) => r.part === 'ingest shard' && resolve()));
    const killedAt = Date.now();
    process.kill(sfu.shardPids[index]!, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 200)); // what the dead shard had in flight is in
    const before = await bytes();
    await until('producer bytes again', 3000 - (Date.now() - killedAt), async () => (await bytes()) > before + 20_000, 50);
    t.diagnostic(`producer fed again ${Date.now() - killedAt} ms after the kill`);
    await restarted;
    assert.equal(source.producer, producer, 'the producer (and every consumer of it) lived on');
    assert.equal(producer.closed, false);
    sfu.sources.release('cam-a', 'main');
  });

  it("a viewer's camera consumer carries no bandwidth estimation (no congestion controller in the worker)", async () => {
    const viewer = sfu.createViewer();
    try {
      const transport = await viewer.createRecvTransport();
      const consumer = new Promise<Record<string, unknown>>((resolve) => viewer.once('watch.consumer', (e) => resolve(e.rtpParameters)));
      await viewer.startWatch({ transportId: transport.id, cameraId: 'cam-a', stream: 'sub', rtpCapabilities: sfu.rtpCapabilities });
      const rtp = (await consumer) as { headerExtensions: { uri: string }[]; codecs: { rtcpFeedback: { type: string }[] }[] };
      const uris = rtp.headerExtensions.map((e) => e.uri);
      assert.ok(!uris.some((u) => u.includes('transport-wide-cc') || u.includes('abs-send-time')), uris.join(' '));
      const feedback = rtp.codecs.flatMap((c) => c.rtcpFeedback.map((f) => f.type));
      assert.ok(feedback.includes('nack'), 'NACK stays: loss repair is per stream');
      assert.ok(!feedback.includes('transport-cc') && !feedback.includes('goog-remb'), feedback.join(' '));
    } finally {
      viewer.close();
    }
  });
});
