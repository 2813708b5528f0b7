// Installers register call boxes (the key comes back once) and manage who logs in; nobody else
// may, however the request is made.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SiteEngine } from '../../../main/engine/node/site-engine.js';
import { TestClient } from '../../support/ws-client.js';
import { openEngineFile, type EngineFile } from '../../support/engine-stores.js';

const PASSWORD = 'installer password';

describe('setup of boxes and users over the WebSocket', () => {
  let dataDir: string;
  let engine: SiteEngine;
  let stored: EngineFile;
  let installer: TestClient;
  const clients: TestClient[] = [];
  const connect = async (): Promise<TestClient> => {
    const client = await TestClient.connect(engine.wsUrl());
    clients.push(client);
    return client;
  };
  const kioskUrl = (boxId: string, key: string): string => `${engine.wsUrl().replace(/\?.*/, '')}?box=${boxId}&key=${encodeURIComponent(key)}`;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-setup-'));
    engine = await SiteEngine.create({ dataDir, port: 0, demo: false });
    stored = await openEngineFile(dataDir);
    await stored.users.upsert({ username: 'neha', displayName: 'Neha', role: 'installer', password: PASSWORD });
    installer = await connect();
    assert.equal((await installer.request('session.login', { username: 'neha', password: PASSWORD })).ok, true);
  });

  after(async () => {
    for (const client of clients) client.close();
    stored?.close();
    await engine?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('registers a box and hands its key back once; the kiosk gets in with it until it is revoked', async () => {
    const box = { id: 'box-parade', name: 'Parade crossing', place: 'Parade', lat: 26.47, lon: 80.35 };
    const registered = await installer.request('setup.registerBox', box);
    assert.equal(registered.ok, true, JSON.stringify(registered.error));
    assert.deepEqual(registered.result.box, { ...box, hasKey: true });
    const key = registered.result.key as string;
    const listed = (await installer.request('setup.listBoxes', {})).result.boxes;
    assert.ok(!JSON.stringify(listed).includes(key), 'the key is not listed');

    const kiosk = await TestClient.connect(kioskUrl(box.id, key));
    clients.push(kiosk);
    assert.equal((await kiosk.request('box.status', {})).ok, true);
    const revoked = await installer.request('setup.revokeBox', { boxId: box.id });
    assert.equal(revoked.result.box.hasKey, false);
    assert.equal(typeof revoked.result.box.revokedAt, 'number');
    await assert.rejects(TestClient.connect(kioskUrl(box.id, key)), /401/);
    assert.equal((await installer.request('setup.registerBox', { ...box, cameraId: 'no-such-camera' })).error?.code, 'NotFound');
    assert.equal((await installer.request('setup.revokeBox', { boxId: 'box-nowhere' })).error?.code, 'NotFound');
    const audit = stored.audit.list({ limit: 10, target: `box:${box.id}` }).map((e) => `${e.action} ${e.actor}`);
    assert.ok(audit.includes('setup.registerBox installer:neha'));
    assert.ok(audit.includes('setup.revokeBox installer:neha'));
  });

  it('saves, lists and disables users; the people saved can log in until disabled', async () => {
    const saved = await installer.request('setup.saveUser', { username: 'Pooja', displayName: 'Pooja Mishra', role: 'operator', password: 'her own password' });
    assert.deepEqual(saved.result.user, { username: 'pooja', displayName: 'Pooja Mishra', role: 'operator' });
    assert.equal((await installer.request('setup.saveUser', { username: 'x y', displayName: 'X', role: 'operator', password: 'long enough' })).error?.code, 'BadRequest');
    assert.equal((await installer.request('setup.saveUser', { username: 'short', displayName: 'S', role: 'operator', password: 'short' })).error?.code, 'BadRequest');
    const users = (await installer.request('setup.listUsers', {})).result.users.map((u: { username: string }) => u.username);
    assert.deepEqual(users, ['neha', 'pooja']);

    const pooja = await connect();
    assert.equal((await pooja.request('session.login', { username: 'pooja', password: 'her own password' })).ok, true);
    for (const method of ['setup.listBoxes', 'setup.registerBox', 'setup.saveUser', 'setup.disableUser']) {
      assert.equal((await pooja.request(method, {})).error?.code, 'Forbidden', `an operator may not ${method}`);
    }
    const display = await connect();
    assert.equal((await display.request('setup.listUsers', {})).error?.code, 'Forbidden', 'nor a display that never logged in');

    assert.equal((await installer.request('setup.disableUser', { username: 'neha' })).error?.code, 'BadRequest', 'not oneself');
    assert.equal((await pooja.request('audit.list', {})).error?.code, 'Forbidden');
    const putOut = new Promise<number>((resolve) => pooja.ws.once('close', (code) => resolve(code)));
    await installer.request('setup.saveUser', { username: 'pooja', displayName: 'Pooja Mishra', role: 'supervisor', password: 'her own password' });
    assert.equal(await putOut, 4401, 'a new role ends the logins made under the old one');
    const promoted = await connect();
    assert.equal((await promoted.request('session.login', { username: 'pooja', password: 'her own password' })).ok, true);
    assert.equal((await promoted.request('audit.list', {})).ok, true, 'the new role applies to the next login');
    const closed = new Promise<void>((resolve) => promoted.ws.once('close', () => resolve()));
    assert.equal((await installer.request('setup.disableUser', { username: 'pooja' })).ok, true);
    await closed; // a disabled user's open socket is put out at once
    const again = await connect();
    assert.equal((await again.request('session.login', { username: 'pooja', password: 'her own password' })).error?.code, 'Unauthorized');
    assert.ok(!JSON.stringify(stored.audit.list({ limit: 50 })).includes('her own password'), 'no password in the audit');
  });
});
