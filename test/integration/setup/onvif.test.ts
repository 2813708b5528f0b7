// ONVIF discovery and profile lookup against the simulated ONVIF camera over real sockets, and
// against devices that misbehave (HTML, garbage, silence, oversized replies, stray datagrams).
// Multicast works on this machine's loopback: discovery is tested both by multicast (joined on
// 127.0.0.1 only, TTL 1, so nothing leaves the machine) and by unicast probe.
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import http from 'node:http';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { discoverOnvif, onvifProfiles, OnvifError, parseDeviceAddress } from '../../../main/engine/node/setup/onvif.js';
import { probeStream } from '../../../sfu/index.js';
import { CameraSimulator, MEDIA_CLIPS, mediaPath, OnvifDeviceSimulator, WS_DISCOVERY_GROUP } from '../../../sim/index.js';

const USER = 'installer';
const PASSWORD = 'onvif pass: <&>';

async function failure(promise: Promise<unknown>): Promise<OnvifError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof OnvifError, `expected an OnvifError, got ${String(error)}`);
    assert.ok(!error.message.includes(PASSWORD), 'no password in errors');
    return error;
  }
  assert.fail('expected a failure');
}

async function httpServer(handler: http.RequestListener): Promise<{ address: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('ONVIF', { concurrency: true }, () => {
  let cameras: CameraSimulator;
  let device: OnvifDeviceSimulator;
  const closers: (() => Promise<void>)[] = [];

  before(async () => {
    cameras = await CameraSimulator.create({
      cameras: [{ id: 'gate', main: mediaPath(MEDIA_CLIPS.main720Gop1), sub: mediaPath(MEDIA_CLIPS.sub360Gop2) }],
    });
    device = await OnvifDeviceSimulator.create({
      username: USER,
      password: PASSWORD,
      name: 'Mall Road Gate',
      info: { firmwareVersion: '1.0', serialNumber: '00042' },
      discovery: { multicastInterface: '127.0.0.1' },
      profiles: [
        { token: 'main', name: 'Main stream', encoding: 'H264', width: 1280, height: 720, fps: 25, bitrateKbps: 300, govLength: 25, rtspUrl: cameras.url('gate', 'main') },
        { token: 'sub', name: 'Sub stream', encoding: 'H264', width: 640, height: 360, fps: 25, bitrateKbps: 120, govLength: 50, rtspUrl: cameras.url('gate', 'sub') },
      ],
    });
  });

  after(async () => {
    await Promise.all(closers.map((close) => close()));
    await device?.close();
    await cameras?.close();
  });

  test('lists profiles with stream URIs that the probe can pull', async () => {
    const found = await onvifProfiles({ address: device.address, username: USER, password: PASSWORD });
    assert.deepEqual(found.device, { manufacturer: 'Jharokha', model: 'SimCam 1', firmwareVersion: '1.0', serialNumber: '00042' });
    assert.deepEqual(found.profiles, [
      { token: 'main', name: 'Main stream', encoding: 'H264', width: 1280, height: 720, fps: 25, bitrateKbps: 300, govLength: 25, streamUri: cameras.url('gate', 'main') },
      { token: 'sub', name: 'Sub stream', encoding: 'H264', width: 640, height: 360, fps: 25, bitrateKbps: 120, govLength: 50, streamUri: cameras.url('gate', 'sub') },
    ]);
    // The device checked a WS-UsernameToken digest on everything past the pre-auth calls.
    const authed = device.requests.filter((r) => r.auth !== 'not needed');
    assert.ok(authed.length >= 3 && authed.every((r) => r.auth === 'ok' || r.auth === 'denied' || r.auth === 'missing'));
    const probed = await probeStream({ url: found.profiles[0]!.streamUri!, transport: 'tcp' });
    assert.deepEqual([probed.status, probed.width, probed.height, probed.keyframeIntervalS], ['ok', 1280, 720, 1]);
  });

  test('a device URL as discovery reports it works as the address too', async () => {
    const found = await onvifProfiles({ address: device.deviceUrl, username: USER, password: PASSWORD });
    assert.equal(found.profiles.length, 2);
  });

  test('wrong or missing credentials are unauthorized, with the password in no message', async () => {
    const wrong = await failure(onvifProfiles({ address: device.address, username: USER, password: 'guess' }));
    assert.equal(wrong.code, 'CameraUnauthorized');
    const none = await failure(onvifProfiles({ address: device.address }));
    assert.equal(none.code, 'CameraUnauthorized');
    assert.ok(device.requests.some((r) => r.auth === 'denied') && device.requests.some((r) => r.auth === 'missing'));
  });

  test('nothing listening is unreachable; a web page, garbage or an endless reply is not ONVIF; silence times out', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const web = await httpServer((_req, res) => res.writeHead(404, { 'Content-Type': 'text/html' }).end('<html><body>Not found</body></html>'));
    const huge = await httpServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/soap+xml' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      const pump = (): void => {
        while (sent < 64 && res.write(chunk)) sent++;
        if (sent < 64) res.once('drain', pump);
        else res.end();
      };
      pump();
    });
    const silent = await httpServer(() => undefined);
    // resume(): a socket nobody reads never sees the client hang up, and would hold the server open.
    const garbage = net.createServer((socket) => socket.resume().end('\x00\x01garbage\r\n\r\n'));
    await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', () => resolve()));
    closers.push(web.close, huge.close, silent.close, () => new Promise((resolve) => garbage.close(() => resolve())));
    const garbageAddress = `127.0.0.1:${(garbage.address() as net.AddressInfo).port}`;

    const started = Date.now();
    const [refused, html, big, quiet, junk] = await Promise.all([
      failure(onvifProfiles({ address: `127.0.0.1:${closed}`, username: USER, password: PASSWORD })),
      failure(onvifProfiles({ address: web.address, username: USER, password: PASSWORD })),
      failure(onvifProfiles({ address: huge.address, username: USER, password: PASSWORD })),
      failure(onvifProfiles({ address: silent.address, username: USER, password: PASSWORD, timeoutMs: 1000 })),
      failure(onvifProfiles({ address: garbageAddress, username: USER, password: PASSWORD })),
    ]);
    assert.deepEqual([refused.code, refused.detail], ['CameraUnreachable', 'connection refused']);
    assert.deepEqual([html.code, html.failure], ['Unsupported', 'not-onvif']);
    assert.match(html.message, /^not an ONVIF device: GetSystemDateAndTime: the reply is not SOAP \(HTTP 404\)$/);
    assert.deepEqual([big.code, big.detail], ['Unsupported', 'GetSystemDateAndTime: reply larger than 1024 KiB']);
    assert.deepEqual([quiet.code, quiet.failure], ['Timeout', 'timeout']);
    assert.deepEqual([junk.code, junk.failure], ['Unsupported', 'not-onvif']);
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  });

  test('addresses are checked before any request', () => {
    assert.deepEqual(parseDeviceAddress('10.1.2.3'), { hostname: '10.1.2.3', port: 80, path: '/onvif/device_service' });
    assert.deepEqual(parseDeviceAddress('cam.local:8080'), { hostname: 'cam.local', port: 8080, path: '/onvif/device_service' });
    assert.deepEqual(parseDeviceAddress('http://[fd00::5]:81/onvif/dev'), { hostname: 'fd00::5', port: 81, path: '/onvif/dev' });
    for (const bad of ['', 'rtsp://x/y', 'http://admin:pw@cam/', 'cam/path', 'a b', 'https://cam/']) {
      assert.throws(() => parseDeviceAddress(bad), (e: Error & { code?: string }) => e.code === 'BadRequest', bad);
    }
  });

  test('discovery finds the device by multicast on loopback and by unicast probe', async () => {
    const port = device.discoveryPort!;
    const [multicast, unicast] = await Promise.all([
      discoverOnvif({ timeoutMs: 600, interfaces: ['127.0.0.1'], multicast: { address: WS_DISCOVERY_GROUP, port } }),
      discoverOnvif({ timeoutMs: 600, multicast: false, targets: [{ host: '127.0.0.1', port }] }),
    ]);
    const expected = [
      { urn: device.urn, address: device.address, xaddrs: [device.deviceUrl], name: 'Mall Road Gate', hardware: 'SimCam 1', location: 'Kanpur' },
    ];
    assert.deepEqual(multicast, expected);
    assert.deepEqual(unicast, expected);
  });

  test('discovery ignores garbage, replies to other probes and oversized datagrams', async () => {
    // A "device" that answers every probe with junk, a foreign ProbeMatch, and one huge datagram.
    const liar = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => liar.bind(0, '127.0.0.1', () => resolve()));
    closers.push(() => new Promise((resolve) => liar.close(() => resolve())));
    liar.on('message', (_message, from) => {
      const foreign =
        '<e:Envelope><e:Header><a:RelatesTo>urn:uuid:someone-else</a:RelatesTo></e:Header><e:Body><d:ProbeMatches><d:ProbeMatch>' +
        '<a:EndpointReference><a:Address>urn:uuid:foreign</a:Address></a:EndpointReference></d:ProbeMatch></d:ProbeMatches></e:Body></e:Envelope>';
      for (const reply of ['\x00\xffnot xml', '<Envelope><Body><ProbeMatches><ProbeMatch></ProbeMatch>', foreign, 'x'.repeat(60_000)]) {
        liar.send(reply, from.port, from.address);
      }
    });
    const liarPort = (liar.address() as net.AddressInfo).port;
    const found = await discoverOnvif({
      timeoutMs: 600,
      multicast: false,
      targets: [{ host: '127.0.0.1', port: liarPort }, { host: '127.0.0.1', port: device.discoveryPort! }],
    });
    assert.deepEqual(found.map((d) => d.urn), [device.urn]);
  });
});
