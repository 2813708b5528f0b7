// The RTSP client against scripted servers on real sockets.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, describe, test } from 'node:test';
import { RtspClient, RtspError } from '../../../sfu/node/rtsp/index.js';
import { CameraStream, SPS } from '../../support/h264.js';
import { h264Sdp, h265Sdp, ScriptedRtspServer, type ScriptedServerOptions } from '../../support/scripted-rtsp-server.js';
import { until } from '../../support/wait.js';

const servers: ScriptedRtspServer[] = [];
after(async () => Promise.all(servers.map((s) => s.close())));

async function serve(options: ScriptedServerOptions = {}): Promise<ScriptedRtspServer> {
  const server = await ScriptedRtspServer.start(options);
  servers.push(server);
  return server;
}

async function rejection(promise: Promise<unknown>): Promise<RtspError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RtspError, `expected an RtspError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

function collect(client: RtspClient, count: number): Promise<Buffer[]> {
  return new Promise((resolve) => {
    const packets: Buffer[] = [];
    client.on('rtp', (packet) => {
      packets.push(Buffer.from(packet));
      if (packets.length === count) resolve(packets);
    });
  });
}

const digest = { scheme: 'digest' as const, username: 'admin', password: 's3cret:p@ss' };

describe('RtspClient', () => {
  test('Digest auth with qop over TCP interleaved delivers RTP', async () => {
    const server = await serve({ auth: { ...digest, qop: true } });
    const client = await RtspClient.connect({ url: server.url(), username: 'admin', password: 's3cret:p@ss', transport: 'tcp' });
    assert.equal(client.track.codec, 'H264');
    assert.deepEqual(client.track.sps, [SPS]);
    const received = collect(client, 3);
    const stream = new CameraStream({ inBandParameterSets: false });
    const sent = stream.nextFrame().concat(stream.nextFrame(), stream.nextFrame()).slice(0, 3);
    for (const packet of sent) server.sendRtp(packet);
    assert.deepEqual(await received, sent);
    assert.deepEqual([...new Set(server.methods)], ['OPTIONS', 'DESCRIBE', 'SETUP', 'PLAY']);
    assert.equal(server.requests.find((r) => r.method === 'SETUP')?.uri, `${server.url()}/trackID=1`);
    client.close();
    client.close(); // idempotent
  });

  test('credentials in the URL work and never reach the request line', async () => {
    const server = await serve({ auth: digest });
    const client = await RtspClient.connect({ url: server.url('/stream', 'admin:s3cret%3Ap%40ss'), transport: 'tcp' });
    for (const request of server.requests) assert.ok(!request.uri.includes('admin'), request.uri);
    client.close();
  });

  test('Digest stale=true is retried with the new nonce', async () => {
    const server = await serve({ auth: { ...digest, staleOnce: true } });
    const client = await RtspClient.connect({ url: server.url(), ...digest, transport: 'tcp' });
    client.close();
  });

  test('Basic auth, where the camera is allowed it', async () => {
    const server = await serve({ auth: { scheme: 'basic', username: 'u', password: 'p' } });
    const client = await RtspClient.connect({ url: server.url(), username: 'u', password: 'p', allowBasicAuth: true, transport: 'tcp' });
    assert.equal(client.authScheme, 'basic');
    client.close();
  });

  test('a wrong password ends in unauthorized, not a 401 loop', async () => {
    const server = await serve({ auth: { ...digest, qop: true } });
    const error = await rejection(RtspClient.connect({ url: server.url(), username: 'admin', password: 'wrong', transport: 'tcp' }));
    assert.equal(error.state, 'unauthorized');
    assert.equal(error.code, 'CameraUnauthorized');
    assert.ok(server.requests.length <= 3, `${server.requests.length} requests`);
    assert.ok(!error.message.includes('wrong'));
  });

  test('no credentials for a protected camera is unauthorized', async () => {
    const server = await serve({ auth: digest });
    const error = await rejection(RtspClient.connect({ url: server.url(), transport: 'tcp' }));
    assert.equal(error.state, 'unauthorized');
  });

  test('UDP: even/odd client ports, RTP delivered, receiver reports reach the server', async () => {
    const server = await serve({ auth: digest });
    const client = await RtspClient.connect({ url: server.url(), ...digest, transport: 'udp' });
    const setup = server.requests.find((r) => r.method === 'SETUP');
    const ports = /client_port=(\d+)-(\d+)/.exec(setup?.headers.get('transport') ?? '');
    assert.ok(ports);
    assert.equal(Number(ports[1]) % 2, 0);
    assert.equal(Number(ports[2]), Number(ports[1]) + 1);
    const received = collect(client, 5);
    const stream = new CameraStream({ inBandParameterSets: true, maxPayload: 1200 });
    const sent = stream.nextFrame().slice(0, 5);
    for (const packet of sent) server.sendRtp(packet);
    assert.deepEqual(await received, sent);
    // The first packet triggers a receiver report (RR + SDES).
    await until('a receiver report from the client', 2000, () => server.rtcpFromClient.length > 0, 20);
    assert.equal(server.rtcpFromClient[0]?.[1], 201);
    client.close();
  });

  test('RTP arriving with the PLAY response is not lost', async () => {
    const stream = new CameraStream({ inBandParameterSets: true });
    const early = stream.nextFrame();
    const server = await serve({ rtpWithPlay: early });
    const client = await RtspClient.connect({ url: server.url(), transport: 'tcp' });
    const received = await collect(client, early.length);
    assert.deepEqual(received, early);
    client.close();
  });

  test('malformed RTP is dropped and counted, never emitted', async () => {
    const server = await serve();
    const client = await RtspClient.connect({ url: server.url(), transport: 'tcp' });
    const received = collect(client, 1);
    server.sendRtp(Buffer.from([0x40, 0, 0, 1])); // version 1, short
    server.sendRtp(Buffer.from('90600001000000000000000100ff', 'hex')); // extension runs past the end
    const good = new CameraStream({ inBandParameterSets: false }).nextFrame()[0] as Buffer;
    server.sendRtp(good);
    assert.deepEqual(await received, [good]);
    assert.equal(client.stats.droppedPackets, 2);
    client.close();
  });

  test('a server that never answers is unreachable within the request timeout', async () => {
    const server = await serve({ silent: true });
    const started = Date.now();
    const error = await rejection(RtspClient.connect({ url: server.url(), transport: 'tcp', requestTimeoutMs: 300 }));
    assert.equal(error.state, 'unreachable');
    assert.match(error.detail, /timeout/);
    assert.ok(Date.now() - started < 1500);
  });

  test('connection refused is unreachable', async () => {
    const port = await freePort();
    const error = await rejection(RtspClient.connect({ url: `rtsp://127.0.0.1:${port}/x`, transport: 'tcp' }));
    assert.equal(error.state, 'unreachable');
    assert.equal(error.detail, 'connection refused');
  });

  test('404 on DESCRIBE is unreachable with the status in our words, not the camera’s', async () => {
    const server = await serve({ script: (r) => (r.method === 'DESCRIBE' ? { status: 404, reason: 'No such stream for admin:pw' } : undefined) });
    const error = await rejection(RtspClient.connect({ url: server.url(), transport: 'tcp' }));
    assert.equal(error.state, 'unreachable');
    assert.equal(error.detail, 'the camera refused DESCRIBE: 404 Not Found');
  });

  test('H.265 is unsupported as soon as DESCRIBE shows it: no SETUP, no PLAY', async () => {
    const server = await serve({ sdp: h265Sdp });
    const error = await rejection(RtspClient.connect({ url: server.url(), transport: 'tcp' }));
    assert.equal(error.state, 'unsupported');
    assert.equal(error.detail, 'H.265');
    assert.ok(!server.methods.includes('SETUP'));
  });

  test('an absolute a=control is used as it is, credentials removed', async () => {
    // The control names another port on purpose: it is only a request URI, never connected to.
    const server = await serve({ contentBase: null, sdp: h264Sdp({ control: 'rtsp://user:pw@127.0.0.1:1/other/video' }) });
    const client = await RtspClient.connect({ url: server.url(), transport: 'tcp' });
    assert.equal(server.requests.find((r) => r.method === 'SETUP')?.uri, 'rtsp://127.0.0.1:1/other/video');
    client.close();
  });

  test('without Content-Base a relative control is appended to the DESCRIBE URL', async () => {
    const server = await serve({ contentBase: null, sdp: h264Sdp({ control: 'track1', sessionControl: '*' }) });
    const client = await RtspClient.connect({ url: server.url('/live/ch1'), transport: 'tcp' });
    assert.equal(server.requests.find((r) => r.method === 'SETUP')?.uri, `${server.url('/live/ch1')}/track1`);
    assert.equal(server.requests.find((r) => r.method === 'PLAY')?.uri, server.url('/live/ch1'));
    client.close();
  });

  test('keep-alive GET_PARAMETER follows the session timeout', async () => {
    const server = await serve({ sessionTimeoutS: 2 });
    const client = await RtspClient.connect({ url: server.url(), transport: 'tcp' });
    await until('a keep-alive GET_PARAMETER', 2500, () => server.methods.includes('GET_PARAMETER'), 20);
    client.close();
  });

  test('close sends TEARDOWN and emits close without an error', async () => {
    const server = await serve();
    const client = await RtspClient.connect({ url: server.url(), transport: 'tcp' });
    const closed = new Promise<unknown>((resolve) => client.on('close', (error) => resolve(error)));
    client.close();
    assert.equal(await closed, undefined);
    await until('TEARDOWN', 2000, () => server.methods.includes('TEARDOWN'), 20);
  });

  test('a camera dropping the connection emits close with unreachable', async () => {
    const server = await serve();
    const client = await RtspClient.connect({ url: server.url(), transport: 'tcp' });
    const closed = new Promise<RtspError | undefined>((resolve) => client.on('close', (error) => resolve(error as RtspError)));
    server.dropConnections();
    const error = await closed;
    assert.equal(error?.state, 'unreachable');
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
