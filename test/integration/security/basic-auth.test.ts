// Basic authentication sends a camera's password base64-encoded, readable to anyone on the path,
// and plain RTSP has no TLS. The engine answers a camera that offers only Basic when the
// installer allowed it for that camera (allow_basic_auth), and the probe warns when it does.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RtspClient } from '../../../sfu/node/rtsp/client.js';
import type { RtspError } from '../../../sfu/node/rtsp/errors.js';
import { SiteEngine } from '../../../main/engine/node/site-engine.js';
import { CameraSimulator, MEDIA_CLIPS, mediaPath } from '../../../sim/index.js';
import { openEngineFile, type EngineFile } from '../../support/engine-stores.js';
import { ScriptedRtspServer } from '../../support/scripted-rtsp-server.js';
import { TestScratch } from '../../support/test-scratch.js';
import { cameraCsv, closeAll, InstallerSession, place } from './installer-session.js';

const basic = { username: 'admin', password: 'basic-secret', scheme: 'basic' as const };

describe('Basic authentication', () => {
  const scratch = new TestScratch('jharokha-basic-');
  const site: { sim?: CameraSimulator; engine?: SiteEngine; stored?: EngineFile; installer?: InstallerSession } = {};
  const sim = (): CameraSimulator => site.sim!;

  before(async () => {
    const clip = mediaPath(MEDIA_CLIPS.main720Gop1);
    site.sim = await CameraSimulator.create({ cameras: ['refused', 'allowed', 'digest'].map((id) => ({ id, main: clip, auth: id === 'digest' ? { ...basic, scheme: 'digest' } : basic })) });
    site.engine = await SiteEngine.create({ dataDir: scratch.dataDir, port: 0, demo: false });
    site.stored = await openEngineFile(scratch.dataDir);
    site.installer = await InstallerSession.start(site.engine, site.stored, scratch);
  });

  after(() => closeAll(scratch, site));

  it('Basic auth is refused unless the camera allows it', async () => {
    const row = (id: string, allow: string): Record<string, string> => ({ id, name: id, ...place, main_url: sim().url(id), username: 'admin', password: 'basic-secret', allow_basic_auth: allow });
    const report = await site.installer!.importCsv(cameraCsv([row('refused', ''), row('allowed', 'yes'), row('digest', 'no'), row('typo', 'maybe')]));
    assert.deepEqual([report.inserted, report.errors.map((e) => e.reason)], [3, ['allow_basic_auth "maybe" is not yes or no']]);

    const results = await site.installer!.probe(['refused', 'allowed', 'digest']);
    const refused = results.get('refused');
    assert.equal(refused?.status, 'unauthorized', JSON.stringify(refused));
    assert.match(refused.detail, /offers only Basic authentication, which would send its password readable over plain RTSP; allow Basic for this camera \(allow_basic_auth\)/);
    const allowed = results.get('allowed');
    assert.equal(allowed?.status, 'ok', JSON.stringify(allowed));
    assert.match(allowed.warnings[0], /asks for Basic authentication: its password crosses the network readable/);
    assert.equal(results.get('digest')?.status, 'ok');
    assert.deepEqual(results.get('digest').warnings, [], 'Digest needs no warning');
  });

  it('a camera that offers only Basic never receives the password from a client not allowed to send it', async () => {
    const camera = await ScriptedRtspServer.start({ auth: basic });
    try {
      const error = (await RtspClient.connect({ url: camera.url(), username: 'admin', password: 'basic-secret', transport: 'tcp' }).then(
        () => assert.fail('connected'),
        (e: unknown) => e,
      )) as RtspError;
      assert.equal(error.code, 'CameraUnauthorized');
      assert.match(error.message, /only Basic authentication/);
      assert.ok(camera.requests.length > 0);
      assert.ok(camera.requests.every((request) => !request.headers.has('authorization')), 'no Authorization header was sent');
    } finally {
      await camera.close();
    }
  });
});
