// Clear-text secrets: an installer's CSV with the camera password written into the URL
// (rtsp://admin:pass@…, ?user=&password=) must not leave that password readable in the engine's
// file. It moves into the sealed fields, the stored URL keeps neither, and the camera still plays.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SiteEngine } from '../../../main/engine/node/site-engine.js';
import { CameraSimulator, MEDIA_CLIPS, mediaPath } from '../../../sim/index.js';
import { openEngineFile, type EngineFile } from '../../support/engine-stores.js';
import { TestScratch } from '../../support/test-scratch.js';
import { cameraCsv, closeAll, InstallerSession, place } from './installer-session.js';

const PASSWORD = 'plaintext-marker:p@ss';
const auth = { username: 'admin', password: PASSWORD };
const clip = mediaPath(MEDIA_CLIPS.main720Gop1);

/** Every file of the data dir holding the text, after the engine wrote it all out. */
function filesHolding(dataDir: string, text: string): string[] {
  return fs.readdirSync(dataDir).filter((name) => fs.readFileSync(path.join(dataDir, name)).includes(Buffer.from(text)));
}

describe('credentials written into camera URLs', () => {
  const scratch = new TestScratch('jharokha-url-secrets-');
  let sim: CameraSimulator;
  let engine: SiteEngine | undefined;
  let stored: EngineFile | undefined;

  before(async () => {
    sim = await CameraSimulator.create({ cameras: ['userinfo', 'query', 'stored'].map((id) => ({ id, main: clip, auth })) });
  });

  after(() => closeAll(scratch, { stored, engine, sim }));

  const storedUrls = (file: EngineFile): string[] =>
    (file.db.prepare('SELECT main_url FROM cameras ORDER BY id').all() as { main_url: string }[]).map((r) => r.main_url);

  it("a camera URL's password is sealed, not stored in the URL", async () => {
    engine = await SiteEngine.create({ dataDir: scratch.dataDir, port: 0, demo: false });
    stored = await openEngineFile(scratch.dataDir);
    const installer = await InstallerSession.start(engine, stored, scratch);
    const encoded = encodeURIComponent(PASSWORD);
    const report = await installer.importCsv(
      cameraCsv([
        { id: 'userinfo', name: 'Userinfo', ...place, main_url: sim.url('userinfo').replace('rtsp://', `rtsp://admin:${encoded}@`) },
        { id: 'query', name: 'Query', ...place, main_url: `${sim.url('query')}?user=admin&password=${encoded}` },
        { id: 'conflict', name: 'Conflict', ...place, main_url: sim.url('query').replace('rtsp://', `rtsp://admin:${encoded}@`), username: 'admin', password: 'another' },
      ].map((row) => ({ username: '', password: '', ...row }))),
    );
    assert.deepEqual([report.inserted, report.errors.length], [2, 1]);
    assert.match(report.errors[0]!.reason, /main_url and the password column give different passwords/);
    assert.equal(JSON.stringify(report).includes('plaintext-marker'), false, 'the report never echoes a password');

    assert.deepEqual(storedUrls(stored), [sim.url('query'), sim.url('userinfo')], 'the stored URLs keep neither user nor password');
    assert.deepEqual(stored.cameras.endpoint('userinfo', 'main'), { url: sim.url('userinfo'), transport: 'tcp', username: 'admin', password: PASSWORD });
    assert.deepEqual(stored.cameras.endpoint('query', 'main'), { url: sim.url('query'), transport: 'tcp', username: 'admin', password: PASSWORD });

    const results = await installer.probe(['userinfo', 'query']);
    for (const id of ['userinfo', 'query']) assert.equal(results.get(id)?.status, 'ok', `${id} plays with its sealed credentials: ${JSON.stringify(results.get(id))}`);
    stored.close();
    stored = undefined;
    await engine.close();
    assert.deepEqual(filesHolding(scratch.dataDir, 'plaintext-marker'), []);
  });

  it('credentials an older version left in a stored URL are sealed at the next start', async () => {
    const old = await openEngineFile(scratch.dataDir);
    // What an earlier engine accepted: the query form went in as written.
    old.db
      .prepare("INSERT INTO cameras (id, name, category, lat, lon, main_url, updated_at) VALUES ('stored', 'Stored', 'bank', 26.47, 80.35, ?, 0)")
      .run(`${sim.url('stored')}?channel=1&username=admin&pwd=${encodeURIComponent(PASSWORD)}`);
    old.close();
    assert.notDeepEqual(filesHolding(scratch.dataDir, 'plaintext-marker'), [], 'the old file holds it readable');

    engine = await SiteEngine.create({ dataDir: scratch.dataDir, port: 0, demo: false });
    stored = await openEngineFile(scratch.dataDir);
    assert.deepEqual(stored.cameras.endpoint('stored', 'main'), { url: `${sim.url('stored')}?channel=1`, transport: 'tcp', username: 'admin', password: PASSWORD });
    stored.close();
    stored = undefined;
    await engine.close();
    assert.deepEqual(filesHolding(scratch.dataDir, 'plaintext-marker'), [], 'the plaintext is wiped from the file and its WAL');
  });
});
