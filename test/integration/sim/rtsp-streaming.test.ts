import assert from 'node:assert/strict';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CameraSimulator, MEDIA_CLIPS, loadClip, mediaPath } from '../../../sim/index.js';
import { RawRtspClient, rtpHeader, sleep } from './raw-rtsp-client.js';
import { fromNtp } from '../../../sim/node/rtcp.js';

// A 1 s loop (the first GOP of the 1 s GOP clip) so a short test crosses the loop seam.
async function oneSecondClip(): Promise<string> {
  const clip = await loadClip(mediaPath(MEDIA_CLIPS.main720Gop1));
  const startCode = Buffer.from([0, 0, 0, 1]);
  const bytes = Buffer.concat(clip.frames.slice(0, 25).flatMap((f) => f.nals.flatMap((n) => [startCode, n])));
  const path = join(mkdtempSync(join(tmpdir(), 'sim-test-')), 'loop-1s.h264');
  writeFileSync(path, bytes);
  return path;
}

const isKeyframePayload = (payload: Buffer): boolean => {
  const type = (payload[0] ?? 0) & 0x1f;
  return type === 5 || type === 7 || (type === 28 && ((payload[1] ?? 0) & 0x1f) === 5);
};

describe('camera simulator streaming', { concurrency: true }, () => {
  let sim: CameraSimulator;

  before(async () => {
    sim = await CameraSimulator.create({
      cameras: [
        { id: 'cam-a', main: mediaPath(MEDIA_CLIPS.main720Gop2), sub: mediaPath(MEDIA_CLIPS.sub360Gop2) },
        { id: 'cam-loop', main: await oneSecondClip() },
        { id: 'cam-hevc', main: mediaPath(MEDIA_CLIPS.h265) },
        { id: 'cam-udp', main: mediaPath(MEDIA_CLIPS.main720Gop2), sub: mediaPath(MEDIA_CLIPS.sub360Gop2) },
      ],
    });
  });
  after(() => sim.close());

  it('DESCRIBE returns an H.264 SDP with sprop-parameter-sets and a track URL', async () => {
    const client = await RawRtspClient.connect(sim.port);
    const res = await client.request('DESCRIBE', sim.url('cam-a', 'sub'), { Accept: 'application/sdp' });
    client.close();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/sdp');
    assert.match(res.body, /^m=video 0 RTP\/AVP 96$/m);
    assert.match(res.body, /^a=rtpmap:96 H264\/90000$/m);
    assert.match(res.body, /^a=fmtp:96 packetization-mode=1;profile-level-id=42[0-9a-f]{4};sprop-parameter-sets=Z[A-Za-z0-9+/=]+,aM[A-Za-z0-9+/=]+$/m);
    assert.match(res.body, /^a=framerate:25$/m);
    assert.ok(res.body.includes(`a=control:${sim.url('cam-a', 'sub')}/trackID=1`));
  });

  it('DESCRIBE of an H.265 camera carries sprop-vps/sps/pps', async () => {
    const client = await RawRtspClient.connect(sim.port);
    const res = await client.request('DESCRIBE', sim.url('cam-hevc', 'main'));
    client.close();
    assert.match(res.body, /^a=rtpmap:96 H265\/90000$/m);
    assert.match(res.body, /^a=fmtp:96 sprop-vps=QAEM[^;]+;sprop-sps=QgEB[^;]+;sprop-pps=RAH[^;]+$/m);
  });

  it('unknown cameras, streams and tracks are 404', async () => {
    const client = await RawRtspClient.connect(sim.port);
    assert.equal((await client.request('DESCRIBE', sim.url('nope', 'main'))).status, 404);
    assert.equal((await client.request('DESCRIBE', sim.url('cam-loop', 'sub'))).status, 404);
    const t = { Transport: 'RTP/AVP/TCP;unicast;interleaved=0-1' };
    assert.equal((await client.request('SETUP', `${sim.url('cam-a', 'main')}/trackID=9`, t)).status, 404);
    client.close();
  });

  it('TCP interleaved PLAY delivers RTP at 25 frames/s with markers, +1 sequence numbers and an early SR', async () => {
    const client = await RawRtspClient.connect(sim.port);
    const { play } = await client.playTcp(sim.url('cam-a', 'main'));
    await sleep(1300);
    client.close();
    const rtp = client.rtp().map((p) => ({ ...rtpHeader(p.data), at: p.at, payload: p.data.subarray(12) }));
    const first = rtp[0];
    assert.ok(first);
    const info = play.headers.get('rtp-info') ?? '';
    assert.equal(Number(/seq=(\d+)/.exec(info)?.[1]), first.seq, 'RTP-Info seq is the first packet');
    assert.equal(Number(/rtptime=(\d+)/.exec(info)?.[1]), first.ts, 'RTP-Info rtptime is the first frame');
    assert.ok(isKeyframePayload(first.payload), 'a fresh stream starts with the keyframe');
    for (let i = 1; i < rtp.length; i += 1) {
      assert.equal(rtp[i]?.seq, ((rtp[i - 1]?.seq ?? 0) + 1) & 0xffff);
      assert.equal(rtp[i]?.ssrc, first.ssrc);
    }
    assert.ok(rtp.every((p) => p.pt === 96 && p.payload.length <= 1200));
    const frameEnds = rtp.filter((p) => p.marker);
    const fps = (frameEnds.length - 1) / (((frameEnds.at(-1)?.at ?? 0) - (frameEnds[0]?.at ?? 0)) / 1000);
    assert.ok(frameEnds.length >= 28 && frameEnds.length <= 35, `${frameEnds.length} frames in 1.3 s`);
    assert.ok(fps > 23 && fps < 27, `measured ${fps.toFixed(2)} frames/s`);
    assert.ok(frameEnds.every((p, i) => i === 0 || p.ts - (frameEnds[i - 1]?.ts ?? 0) === 3600));

    const sr = client.packets.find((p) => p.channel === 1 && p.data[1] === 200);
    assert.ok(sr, 'a sender report arrives with the first frame');
    const srWall = fromNtp(sr.data.readUInt32BE(8), sr.data.readUInt32BE(12));
    const srRtp = sr.data.readUInt32BE(16);
    assert.equal(sr.data.readUInt32BE(4), first.ssrc);
    assert.ok(Math.abs(srWall - Date.now()) < 3000);
    // The SR's RTP time is within a frame or two of the frames around it.
    assert.ok(Math.abs(srRtp - first.ts) < 3 * 3600, `SR rtp ${srRtp} vs first frame ${first.ts}`);
  });

  it('RTP time and sequence numbers stay continuous across the clip loop', async () => {
    const client = await RawRtspClient.connect(sim.port);
    await client.playTcp(sim.url('cam-loop', 'main'));
    await sleep(1500);
    client.close();
    const rtp = client.rtp().map((p) => ({ ...rtpHeader(p.data), payload: p.data.subarray(12) }));
    const frames = rtp.filter((p) => p.marker);
    assert.ok(frames.length > 30, `${frames.length} frames`);
    frames.forEach((p, i) => i > 0 && assert.equal(p.ts - (frames[i - 1]?.ts ?? 0), 3600));
    rtp.forEach((p, i) => i > 0 && assert.equal(p.seq, ((rtp[i - 1]?.seq ?? 0) + 1) & 0xffff));
    const keyTimes = new Set(rtp.filter((p) => isKeyframePayload(p.payload)).map((p) => p.ts));
    assert.deepEqual([...keyTimes].map((ts) => (ts - (frames[0]?.ts ?? 0)) / 3600), [0, 25], 'IDR at the start of each loop');
  });

  it('UDP SETUP/PLAY sends RTP to client_port and RTCP to the next port from server_port', async () => {
    const bind = (): Promise<UdpSocket> =>
      new Promise((resolve) => {
        const s = createSocket('udp4');
        s.bind(0, '127.0.0.1', () => resolve(s));
      });
    const [rtpSock, rtcpSock] = await Promise.all([bind(), bind()]);
    const rtp: Array<{ data: Buffer; port: number }> = [];
    const rtcp: Buffer[] = [];
    rtpSock.on('message', (data, r) => rtp.push({ data, port: r.port }));
    rtcpSock.on('message', (data) => rtcp.push(data));
    const client = await RawRtspClient.connect(sim.port);
    let serverRtpPort = 0;
    try {
      const url = sim.url('cam-udp', 'sub');
      const ports = `${rtpSock.address().port}-${rtcpSock.address().port}`;
      const setup = await client.request('SETUP', `${url}/trackID=1`, { Transport: `RTP/AVP;unicast;client_port=${ports}` });
      assert.equal(setup.status, 200);
      const transport = setup.headers.get('transport') ?? '';
      assert.ok(transport.includes(`client_port=${ports}`));
      const serverPorts = /server_port=(\d+)-(\d+)/.exec(transport);
      assert.ok(serverPorts);
      serverRtpPort = Number(serverPorts[1]);
      assert.equal(serverRtpPort % 2, 0, 'RTP on an even port');
      assert.equal(Number(serverPorts[2]), serverRtpPort + 1);
      const session = (setup.headers.get('session') ?? '').split(';')[0] ?? '';
      assert.match(setup.headers.get('session') ?? '', /;timeout=60$/);
      assert.equal((await client.request('PLAY', url, { Session: session })).status, 200);
      assert.equal(sim.activeSessions('cam-udp'), 1);
      await sleep(600);
      assert.equal((await client.request('TEARDOWN', url, { Session: session })).status, 200);
      assert.equal(sim.activeSessions('cam-udp'), 0);
    } finally {
      client.close();
      rtpSock.close();
      rtcpSock.close();
    }
    assert.ok(rtp.filter((p) => ((p.data[1] ?? 0) & 0x80) !== 0).length >= 12, `${rtp.length} RTP packets`);
    assert.ok(rtp.every((p) => p.port === serverRtpPort));
    assert.ok(rtcp.some((p) => p[1] === 200), 'a sender report on the RTCP port');
  });
});
