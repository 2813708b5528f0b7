// The RTSP client and ingest against the project's camera simulator: Digest over TCP and UDP,
// a frozen and a stopped camera, H.265, and a camera that sends oversized packets.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { StreamState } from '../../../common/domain/camera.js';
import { CameraIngest, type CameraIngestOptions } from '../../../sfu/node/ingest/index.js';
import { readRtp, RtspClient } from '../../../sfu/node/rtsp/index.js';
import { CameraSimulator, MEDIA_CLIPS, mediaPath } from '../../../sim/index.js';

const auth = { username: 'operator', password: 'kanpur#2024', qop: true };
let sim: CameraSimulator;
const ingests: CameraIngest[] = [];

before(async () => {
  sim = await CameraSimulator.create({
    cameras: [
      { id: 'digest-cam', main: mediaPath(MEDIA_CLIPS.sub360Gop2), auth },
      { id: 'flaky-cam', main: mediaPath(MEDIA_CLIPS.sub360Gop2) },
      { id: 'hevc-cam', main: mediaPath(MEDIA_CLIPS.h265) },
      { id: 'big-cam', main: mediaPath(MEDIA_CLIPS.main720Gop1), oversizedPackets: true },
    ],
  });
});
after(async () => {
  for (const ingest of ingests) ingest.close();
  await sim.close();
});

function watch(options: Partial<CameraIngestOptions> & { url: string }) {
  const ingest = CameraIngest.create({
    transport: 'tcp',
    ssrc: 0x5eed,
    payloadType: 96,
    stallTimeoutMs: 500,
    backoff: { initialMs: 100, maxMs: 1000 },
    ...options,
  });
  ingests.push(ingest);
  const packets: Buffer[] = [];
  ingest.on('rtp', (packet) => packets.push(packet));
  const reached = (state: StreamState, timeoutMs = 5000): Promise<string | undefined> =>
    new Promise((resolve, reject) => {
      if (ingest.state === state) return resolve(ingest.detail);
      const timer = setTimeout(() => reject(new Error(`${state} not reached (now ${ingest.state}: ${ingest.detail})`)), timeoutMs);
      const listener = (s: StreamState, detail?: string): void => {
        if (s !== state) return;
        clearTimeout(timer);
        ingest.off('state', listener);
        resolve(detail);
      };
      ingest.on('state', listener);
    });
  ingest.start();
  return { ingest, packets, reached };
}

describe('against the camera simulator', () => {
  for (const transport of ['tcp', 'udp'] as const) {
    test(`Digest over ${transport.toUpperCase()}: the client receives H.264 RTP`, async () => {
      const client = await RtspClient.connect({ url: sim.url('digest-cam'), ...auth, transport });
      assert.equal(client.track.codec, 'H264');
      const packet = await new Promise<Buffer>((resolve) => client.once('rtp', resolve));
      assert.equal(readRtp(packet)?.payloadType, client.track.payloadType);
      client.close();
    });

    test(`Digest over ${transport.toUpperCase()}: the ingest goes live; a wrong password is unauthorized`, async () => {
      const good = watch({ url: sim.url('digest-cam'), username: auth.username, password: auth.password, transport });
      await good.reached('live');
      const bad = watch({ url: sim.url('digest-cam'), username: auth.username, password: 'wrong', transport });
      assert.equal(await bad.reached('unauthorized'), 'credentials rejected');
      good.ingest.close();
      bad.ingest.close();
    });
  }

  test('a frozen camera stalls and recovers; a stopped one stalls and comes back live', async () => {
    const { ingest, reached } = watch({ url: sim.url('flaky-cam') });
    await reached('live');
    sim.freezeCamera('flaky-cam');
    assert.match((await reached('stalled')) ?? '', /no video/);
    sim.startCamera('flaky-cam');
    await reached('live');
    sim.stopCamera('flaky-cam');
    await reached('stalled');
    sim.startCamera('flaky-cam');
    await reached('live');
    ingest.close();
  });

  test('an H.265 camera is unsupported: H.265', async () => {
    const { ingest, reached } = watch({ url: sim.url('hevc-cam') });
    assert.equal(await reached('unsupported'), 'H.265');
    ingest.close();
  });

  test('oversized TCP packets leave at most 1200 bytes of payload', async () => {
    const { ingest, packets, reached } = watch({ url: sim.url('big-cam') });
    await reached('live');
    while (packets.length < 200) await new Promise((resolve) => setTimeout(resolve, 20));
    for (const packet of packets) assert.ok((readRtp(packet)?.payload.length ?? 0) <= 1200);
    assert.ok(ingest.stats.fragmented > 0);
    ingest.close();
  });
});
