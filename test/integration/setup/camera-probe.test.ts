// The installer's camera probe over real sockets: the camera simulator's clips have known sizes and
// GOPs (resources/media/README.md), and the probe must measure them, not read them off the SDP.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { ProbeResult } from '../../../common/domain/camera-probe.js';
import { JharokhaError } from '../../../common/errors.js';
import { probeCamera } from '../../../main/engine/node/setup/camera-probe.js';
import { ProbeBatch } from '../../../main/engine/node/setup/probe-batch.js';
import { probeStream } from '../../../sfu/index.js';
import { CameraSimulator, MEDIA_CLIPS, mediaPath } from '../../../sim/index.js';
import { ScriptedRtspServer } from '../../support/scripted-rtsp-server.js';

const clip = (name: keyof typeof MEDIA_CLIPS): string => mediaPath(MEDIA_CLIPS[name]);
const auth = { username: 'admin', password: 'cam-secret' };

// The tests wait on real GOPs (2–4 s of video each): they run side by side on separate cameras.
describe('camera probe', { concurrency: true }, () => {
  let sim: CameraSimulator;
  const scripted: ScriptedRtspServer[] = [];

  before(async () => {
    sim = await CameraSimulator.create({
      cameras: [
        // One camera per concurrent probe: a probe that joins a stream already playing waits for its
        // next keyframe, and these tests want each to start at one.
        { id: 'gop2', main: clip('main720Gop2'), sub: clip('sub360Gop2') },
        { id: 'gop2-udp', main: clip('main720Gop2') },
        { id: 'gop4', main: clip('main720Gop4') },
        { id: 'gop4-short', main: clip('main720Gop4') },
        { id: 'hevc', main: clip('h265') },
        { id: 'locked', main: clip('main720Gop1'), auth },
        { id: 'frozen', main: clip('main720Gop1') },
        ...Array.from({ length: 8 }, (_, i) => ({ id: `batch-${i}`, main: clip('main720Gop1') })),
      ],
    });
    sim.freezeCamera('frozen');
  });

  after(async () => {
    await sim?.close();
    await Promise.all(scripted.map((s) => s.close()));
  });

  test('measures 1280x720 and 640x360 H.264 at 25 fps with a 2 s keyframe interval, over TCP and UDP', async () => {
    const [main, sub, udp] = await Promise.all([
      probeStream({ url: sim.url('gop2', 'main'), transport: 'tcp' }),
      probeStream({ url: sim.url('gop2', 'sub'), transport: 'tcp' }),
      probeStream({ url: sim.url('gop2-udp', 'main'), transport: 'udp' }),
    ]);
    for (const [result, width, height] of [[main, 1280, 720], [sub, 640, 360], [udp, 1280, 720]] as const) {
      assert.equal(result.status, 'ok', JSON.stringify(result));
      assert.equal(result.codec, 'H264');
      assert.equal(result.width, width);
      assert.equal(result.height, height);
      assert.equal(result.fps, 25);
      assert.equal(result.keyframeIntervalS, 2);
      assert.equal(result.playable, true);
      assert.deepEqual(result.warnings, []);
      assert.match(result.profile ?? '', /^Constrained Baseline/);
      assert.ok(result.bitrateKbps! > 50 && result.bitrateKbps! < 1000, `bitrate ${result.bitrateKbps}`);
      // Two keyframes 2 s apart: the probe ends soon after the second, well before its 10 s limit.
      assert.ok(result.elapsedMs < 8000, `took ${result.elapsedMs} ms`);
    }
  });

  test('a 4 s GOP is measured as 4 s; a window shorter than the GOP says the interval was not seen', async () => {
    const [full, short] = await Promise.all([
      probeStream({ url: sim.url('gop4'), transport: 'tcp' }),
      probeStream({ url: sim.url('gop4-short'), transport: 'tcp', timeoutMs: 2500 }),
    ]);
    assert.equal(full.keyframeIntervalS, 4);
    assert.equal(full.fps, 25);
    assert.ok(full.warnings.some((w) => /a keyframe every 4 s/.test(w)), full.warnings.join('; '));
    assert.equal(short.status, 'ok');
    assert.equal(short.keyframeIntervalS, undefined);
    assert.equal(short.keyframesSeen, 1);
    assert.equal(short.fps, 25);
    assert.ok(short.warnings.includes('keyframe interval not seen within 2.5 s (only one keyframe)'), short.warnings.join('; '));
  });

  test('H.265 is measured (size from its SPS, GOP, rate) and reported as not playable', async () => {
    const result = await probeStream({ url: sim.url('hevc'), transport: 'tcp' });
    assert.equal(result.status, 'ok');
    assert.equal(result.codec, 'H265');
    assert.deepEqual([result.width, result.height, result.fps, result.keyframeIntervalS], [1280, 720, 25, 2]);
    assert.equal(result.profile, 'Main 3.1');
    assert.equal(result.playable, false);
    assert.match(result.warnings[0] ?? '', /H\.265: the consoles and the wall cannot play it/);
  });

  test('failures say why: unauthorized, unreachable, timeout, unsupported SDP or codec', async () => {
    const closedPort = await freePort();
    const garbageSdp = await ScriptedRtspServer.start({ sdp: 'v=0\r\nm=video 0 RTP/AVP\r\n' });
    const mjpeg = await ScriptedRtspServer.start({
      sdp: 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=x\r\nt=0 0\r\nm=video 0 RTP/AVP 26\r\na=control:trackID=1\r\n',
    });
    const silent = await ScriptedRtspServer.start({ silent: true });
    scripted.push(garbageSdp, mjpeg, silent);
    const [wrong, missing, right, refused, frozen, noAnswer, badSdp, jpeg] = await Promise.all([
      probeStream({ url: sim.url('locked'), transport: 'tcp', ...auth, password: 'wrong' }),
      probeStream({ url: sim.url('locked'), transport: 'tcp' }),
      probeStream({ url: sim.url('locked'), transport: 'tcp', ...auth }),
      probeStream({ url: `rtsp://127.0.0.1:${closedPort}/x`, transport: 'tcp' }),
      probeStream({ url: sim.url('frozen'), transport: 'tcp', timeoutMs: 1500 }),
      probeStream({ url: silent.url(), transport: 'tcp', timeoutMs: 1500 }),
      probeStream({ url: garbageSdp.url(), transport: 'tcp' }),
      probeStream({ url: mjpeg.url(), transport: 'tcp' }),
    ]);
    assert.deepEqual([wrong.status, wrong.detail], ['unauthorized', 'credentials rejected']);
    assert.deepEqual([missing.status, missing.detail], ['unauthorized', 'camera requires credentials']);
    assert.equal(right.status, 'ok');
    assert.deepEqual([refused.status, refused.detail], ['unreachable', 'connection refused']);
    assert.deepEqual([frozen.status, frozen.detail], ['timeout', 'connected, but no video within 1.5 s']);
    assert.equal(noAnswer.status, 'timeout');
    assert.ok(noAnswer.elapsedMs < 2500, `a silent camera took ${noAnswer.elapsedMs} ms`);
    assert.deepEqual([badSdp.status, badSdp.detail], ['unsupported', 'SDP: video media without payload types']);
    assert.deepEqual([jpeg.status, jpeg.codec, jpeg.encodingName], ['unsupported', 'other', 'JPEG']);
    for (const result of [wrong, missing, refused, frozen]) {
      assert.ok(!JSON.stringify(result).includes('cam-secret') && !JSON.stringify(result).includes('rtsp://'));
    }
  });

  test('a batch probes every camera with at most N at a time and reports progress after each', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `batch-${i}`);
    const endpoints = {
      endpoint: (id: string, stream: 'main' | 'sub') => {
        if (stream === 'sub') throw new JharokhaError('NotFound', `camera ${id} has no sub stream`);
        return { url: sim.url(id), transport: 'tcp' as const };
      },
    };
    let playing = 0;
    let mostAtOnce = 0;
    const onSession = (info: { cameraId: string }): void => {
      if (info.cameraId.startsWith('batch-')) mostAtOnce = Math.max(mostAtOnce, ++playing);
    };
    const onTeardown = (info: { cameraId: string }): void => {
      if (info.cameraId.startsWith('batch-')) playing -= 1;
    };
    sim.on('session', onSession).on('teardown', onTeardown);
    const batch = ProbeBatch.start(ids, (id, signal) => probeCamera(endpoints, id, 'main', { signal }), 3);
    const progress: { done: number; total: number; result: ProbeResult }[] = [];
    batch.on('result', ({ done, total }, result) => progress.push({ done, total, result }));
    let finished: { done: number; total: number } | undefined;
    batch.on('finished', ({ done, total }) => (finished = { done, total }));
    await batch.finished;
    sim.off('session', onSession).off('teardown', onTeardown);
    assert.deepEqual(progress.map((p) => p.done), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.ok(progress.every((p) => p.total === 8 && p.result.status === 'ok' && p.result.keyframeIntervalS === 1));
    assert.deepEqual(progress.map((p) => p.result.cameraId).sort(), ids);
    assert.deepEqual(finished, { done: 8, total: 8 });
    assert.ok(mostAtOnce <= 3 && mostAtOnce >= 2, `${mostAtOnce} cameras pulled at once`);

    const noSub = await probeCamera(endpoints, 'batch-0', 'sub');
    assert.deepEqual([noSub.status, noSub.detail], ['unsupported', 'no sub stream configured']);
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
