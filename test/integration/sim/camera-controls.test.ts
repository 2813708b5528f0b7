import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CameraSimulator, MEDIA_CLIPS, type TeardownReason, mediaPath } from '../../../sim/index.js';
import { RawRtspClient, sleep } from './raw-rtsp-client.js';

describe('camera simulator test controls and session rules', { concurrency: true }, () => {
  let sim: CameraSimulator;
  const teardowns: Array<[string, TeardownReason]> = [];
  const main = mediaPath(MEDIA_CLIPS.sub360Gop2);

  before(async () => {
    sim = await CameraSimulator.create({
      sessionTimeoutS: 1,
      cameras: ['stop', 'freeze', 'timeout', 'keepalive', 'rules'].map((id) => ({ id, main, sub: main })),
    });
    sim.on('teardown', (info, reason) => teardowns.push([info.cameraId, reason]));
  });
  after(() => sim.close());

  it('stopCamera drops its sessions and answers 503; startCamera lets a reconnect play again', async () => {
    const url = sim.url('stop', 'main');
    const client = await RawRtspClient.connect(sim.port);
    await client.playTcp(url);
    await sleep(200);
    assert.equal(sim.activeSessions('stop'), 1);
    sim.stopCamera('stop');
    await client.closed;
    assert.equal(sim.activeSessions('stop'), 0);
    assert.deepEqual(teardowns.filter(([id]) => id === 'stop'), [['stop', 'stopped']]);
    const refused = await RawRtspClient.connect(sim.port);
    assert.equal((await refused.request('DESCRIBE', url)).status, 503);
    sim.startCamera('stop');
    assert.equal((await refused.request('DESCRIBE', url)).status, 200);
    refused.close();
    const again = await RawRtspClient.connect(sim.port);
    await again.playTcp(url);
    await sleep(300);
    assert.ok(again.rtp().length > 10, 'streaming resumed for the new session');
    again.close();
  });

  it('freezeCamera keeps the connection but stops packets; startCamera resumes them', async () => {
    const url = sim.url('freeze', 'sub');
    const client = await RawRtspClient.connect(sim.port);
    const { session } = await client.playTcp(url);
    await sleep(200);
    sim.freezeCamera('freeze');
    await sleep(50);
    const frozenAt = client.packets.length;
    await sleep(400);
    assert.equal(client.packets.length, frozenAt, 'no RTP or RTCP while frozen');
    assert.equal((await client.request('GET_PARAMETER', url, { Session: session })).status, 200);
    assert.equal(sim.activeSessions('freeze'), 1);
    sim.startCamera('freeze');
    await sleep(200);
    assert.ok(client.packets.length > frozenAt + 3, 'packets flow again');
    client.close();
  });

  it('a session without keep-alives times out; GET_PARAMETER keeps another alive', async () => {
    const idle = await RawRtspClient.connect(sim.port);
    await idle.playTcp(sim.url('timeout', 'main'));
    const busy = await RawRtspClient.connect(sim.port);
    const url = sim.url('keepalive', 'main');
    const { play } = await busy.playTcp(url);
    const session = (play.headers.get('session') ?? '').split(';')[0] ?? '';
    assert.match(play.headers.get('session') ?? '', /;timeout=1$/);
    for (let i = 0; i < 8; i += 1) {
      await sleep(250);
      assert.equal((await busy.request('GET_PARAMETER', url, { Session: session })).status, 200);
    }
    assert.equal(sim.activeSessions('timeout'), 0);
    assert.ok(teardowns.some(([id, reason]) => id === 'timeout' && reason === 'timeout'));
    assert.equal(sim.activeSessions('keepalive'), 1);
    idle.close();
    busy.close();
    await busy.closed;
    await sleep(50);
    assert.equal(sim.activeSessions('keepalive'), 0, 'closing the connection ends its sessions');
  });

  it('answers 454, 455 and 461 where RFC 2326 says so, and counts sessions per camera', async () => {
    const url = sim.url('rules', 'main');
    const c = await RawRtspClient.connect(sim.port);
    assert.equal((await c.request('PLAY', url, { Session: 'deadbeef' })).status, 454);
    assert.equal((await c.request('PLAY', url)).status, 454);
    assert.equal((await c.request('SETUP', `${url}/trackID=1`, { Transport: 'RTP/AVP;multicast' })).status, 461);
    assert.equal((await c.request('SETUP', `${url}/trackID=1`)).status, 461);
    const { session } = await c.playTcp(url);
    const t = { Transport: 'RTP/AVP/TCP;unicast;interleaved=0-1', Session: session };
    assert.equal((await c.request('SETUP', `${url}/trackID=1`, t)).status, 455);
    assert.equal((await c.request('RECORD', url, { Session: session })).status, 405);
    assert.equal((await c.request('FLY', url)).status, 501);
    const second = await RawRtspClient.connect(sim.port);
    await second.playTcp(sim.url('rules', 'sub'));
    assert.equal(sim.activeSessions('rules'), 2);
    assert.equal((await c.request('TEARDOWN', url, { Session: session })).status, 200);
    assert.equal(sim.activeSessions('rules'), 1);
    assert.deepEqual(teardowns.filter(([id]) => id === 'rules'), [['rules', 'teardown']]);
    c.close();
    second.close();
  });
});
