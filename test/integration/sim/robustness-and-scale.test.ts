import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CameraSimulator, MEDIA_CLIPS, mediaPath } from '../../../sim/index.js';
import { RawRtspClient, rtpHeader, sleep } from './raw-rtsp-client.js';

const CAMERAS = 64;

describe('camera simulator robustness and scale', () => {
  let sim: CameraSimulator;
  let sessions = 0;

  before(async () => {
    const main = mediaPath(MEDIA_CLIPS.main720Gop2);
    const sub = mediaPath(MEDIA_CLIPS.sub360Gop2);
    sim = await CameraSimulator.create({
      cameras: Array.from({ length: CAMERAS }, (_, i) => ({ id: `cam-${String(i + 1).padStart(3, '0')}`, main, sub })),
    });
    sim.on('session', () => (sessions += 1));
  });
  after(() => sim.close());

  it('answers malformed requests with 400 and keeps serving', async () => {
    const client = await RawRtspClient.connect(sim.port);
    assert.equal((await client.send('this is not rtsp\r\n\r\n')).status, 400);
    assert.equal((await client.send('OPTIONS * RTSP/1.0\r\n\r\n')).status, 400, 'CSeq is required');
    assert.equal((await client.send('DESCRIBE rtsp://[bad RTSP/1.0\r\nCSeq: 1\r\n\r\n')).status, 400);
    assert.equal((await client.send('DESCRIBE not-a-url RTSP/1.0\r\nCSeq: 2\r\n\r\n')).status, 400);
    assert.equal((await client.send('OPTIONS * RTSP/2.0\r\nCSeq: 3\r\n\r\n')).status, 505);
    assert.equal((await client.request('DESCRIBE', sim.url('cam-001', 'main'))).status, 200, 'same connection still works');
    client.close();

    const flood = await RawRtspClient.connect(sim.port);
    const res = await flood.send(`OPTIONS * RTSP/1.0\r\nCSeq: 1\r\nX-Pad: ${'x'.repeat(40_000)}\r\n\r\n`);
    assert.equal(res.status, 400);
    await flood.closed;
  });

  it('survives clients that vanish mid-request or mid-response', async () => {
    for (let i = 0; i < 20; i += 1) {
      const socket = connect(sim.port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write(i % 2 ? `DESCRIBE ${sim.url('cam-002', 'main')} RTSP/1.0\r\nCSeq: 1\r\n\r\n` : 'DESCRIBE rtsp://x/');
      socket.destroy();
    }
    const playing = await RawRtspClient.connect(sim.port);
    await playing.playTcp(sim.url('cam-003', 'main'));
    playing.close();
    await sleep(100);
    const check = await RawRtspClient.connect(sim.port);
    assert.equal((await check.request('OPTIONS', '*')).status, 200);
    check.close();
    assert.equal(sim.activeSessions('cam-003'), 0);
  });

  it(`streams ${CAMERAS} cameras at once, one session each`, async () => {
    const before = sessions;
    const clients = await Promise.all(
      Array.from({ length: CAMERAS }, async (_, i) => {
        const client = await RawRtspClient.connect(sim.port);
        await client.playTcp(sim.url(`cam-${String(i + 1).padStart(3, '0')}`, i % 2 ? 'sub' : 'main'));
        return client;
      }),
    );
    await sleep(1000);
    const active = clients.map((_, i) => sim.activeSessions(`cam-${String(i + 1).padStart(3, '0')}`));
    assert.deepEqual(active, clients.map(() => 1));
    assert.equal(sessions - before, CAMERAS);
    for (const client of clients) client.close();
    const frames = clients.map((c) => c.rtp().filter((p) => rtpHeader(p.data).marker).length);
    assert.ok(Math.min(...frames) >= 20, `frames per camera in 1 s: min ${Math.min(...frames)} max ${Math.max(...frames)}`);
    const ssrcs = new Set(clients.map((c) => rtpHeader(c.rtp()[0]?.data ?? Buffer.alloc(12)).ssrc));
    assert.equal(ssrcs.size, CAMERAS, 'a random SSRC per session');
  });
});
