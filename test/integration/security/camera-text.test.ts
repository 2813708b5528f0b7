// A camera's error replies are its own text, and some echo what they refused, credentials and all.
// A scripted RTSP server answers with a reason phrase and a body holding a fake password (and
// an SDP naming a codec after it): what consoles (watch.state) and installers (setup.probeProgress)
// are told is the status code and our words, never the camera's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SiteEngine } from '../../../main/engine/node/site-engine.js';
import { openEngineFile, type EngineFile } from '../../support/engine-stores.js';
import { ScriptedRtspServer, type Reply } from '../../support/scripted-rtsp-server.js';
import { TestScratch } from '../../support/test-scratch.js';
import type { TestClient } from '../../support/ws-client.js';

const SECRET = 'hunter2-secret';
const PASSWORD = 'a long password for tests';
const echo = (status: number): Reply => ({
  status,
  reason: `Refused rtsp://admin:${SECRET}@10.0.0.5/stream for admin:${SECRET}`,
  headers: { 'Content-Type': 'text/plain' },
  body: `request denied; password=${SECRET}`,
});
const secretCodecSdp = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=x', 't=0 0', 'm=video 0 RTP/AVP 96', `a=rtpmap:96 ${SECRET}/90000`, 'a=control:trackID=1', ''].join('\r\n');

/** Each camera's DESCRIBE answer, and what a console must read instead. */
const CAMERAS: Record<string, { reply: Reply; state: string; detail: string }> = {
  'cam-401': { reply: echo(401), state: 'unauthorized', detail: 'camera requires credentials' },
  'cam-403': { reply: echo(403), state: 'unauthorized', detail: 'the camera refused DESCRIBE: 403 Forbidden' },
  'cam-404': { reply: echo(404), state: 'unreachable', detail: 'the camera refused DESCRIBE: 404 Not Found' },
  'cam-500': { reply: echo(500), state: 'unreachable', detail: 'the camera refused DESCRIBE: 500 Internal Server Error' },
  'cam-599': { reply: echo(599), state: 'unreachable', detail: 'the camera refused DESCRIBE: 599' },
  'cam-codec': {
    reply: { status: 200, headers: { 'Content-Type': 'application/sdp' }, body: secretCodecSdp },
    state: 'unsupported',
    detail: 'UNKNOWN',
  },
};
const ids = Object.keys(CAMERAS);

const leaks = (frames: unknown[]): boolean => JSON.stringify(frames).toLowerCase().includes(SECRET);

describe('camera-supplied text', () => {
  const scratch = new TestScratch('jharokha-camera-text-');
  let engine: SiteEngine;
  let stored: EngineFile;
  let camera: ScriptedRtspServer;

  before(async () => {
    camera = await ScriptedRtspServer.start({
      script: (request) => (request.method === 'DESCRIBE' ? CAMERAS[request.uri.split('/').pop() ?? '']?.reply : undefined),
    });
    engine = await SiteEngine.create({ dataDir: scratch.dataDir, port: 0, demo: false, setup: { probe: { timeoutMs: 3_000 } } });
    stored = await openEngineFile(scratch.dataDir);
    stored.cameras.upsertMany(ids.map((id) => ({ id, name: id, category: 'bank' as const, lat: 26.47, lon: 80.35, mainUrl: camera.url(`/${id}`) })));
    await stored.users.upsert({ username: 'asha', displayName: 'Asha', role: 'operator', password: PASSWORD });
    await stored.users.upsert({ username: 'neha', displayName: 'Neha', role: 'installer', password: PASSWORD });
  });

  after(async () => {
    scratch.closeClients();
    stored?.close();
    await engine?.close();
    await camera?.close();
    scratch.removeDataDir();
  });

  const loggedIn = async (username: string): Promise<TestClient> => {
    const client = await scratch.connect(engine.wsUrl());
    await client.ok('session.login', { username, password: PASSWORD });
    return client;
  };

  it("an RTSP camera's error text never reaches a console", async () => {
    const operator = await loggedIn('asha');
    const { rtpCapabilities } = await operator.ok('media.routerCapabilities', {});
    const transport = await operator.ok('media.createRecvTransport', {});
    for (const cameraId of ids) {
      const { watchId } = await operator.ok('watch.start', { transportId: transport.id, cameraId, stream: 'main', rtpCapabilities });
      const { reply, ...expected } = CAMERAS[cameraId]!;
      const frame = await operator.waitFrame(
        (f) => f.event === 'watch.state' && f.data.watchId === watchId && f.data.state !== 'connecting',
        `${cameraId} (camera answered ${reply.status}) settles`,
        10_000,
      );
      assert.deepEqual({ state: frame.data.state, detail: frame.data.detail }, expected, cameraId);
    }
    assert.ok(camera.methods.includes('DESCRIBE'));
    assert.equal(leaks(operator.frames), false, 'no frame holds the camera’s text');
  });

  it("an RTSP camera's error text never reaches an installer's probe", async () => {
    const installer = await loggedIn('neha');
    await installer.ok('setup.probeCameras', { cameraIds: ids, stream: 'main' });
    await installer.waitFrame((f) => f.event === 'setup.probeProgress' && f.data.finished, 'the probe job finished', 20_000);
    const results = installer.frames.filter((f) => f.event === 'setup.probeProgress' && (f.data as { result?: unknown }).result);
    assert.equal(results.length, ids.length);
    const byCamera = Object.fromEntries(
      results.map((f) => {
        const { cameraId, detail } = (f.data as { result: { cameraId: string; detail?: string } }).result;
        return [cameraId, detail];
      }),
    );
    assert.equal(byCamera['cam-404'], 'the camera refused DESCRIBE: 404 Not Found');
    assert.equal(leaks(installer.frames), false, 'no progress event holds the camera’s text');
  });
});
