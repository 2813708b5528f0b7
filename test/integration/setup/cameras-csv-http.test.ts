import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { handleSetupRequest } from '../../../main/engine/node/api/setup-http.js';
import { generateCityInventory } from '../../../main/engine/node/demo/city-inventory.js';
import { SiteEngine } from '../../../main/engine/node/site-engine.js';
import { openEngineFile, type EngineFile } from '../../support/engine-stores.js';

const PASSWORD = 'correct horse battery';

/** A raw request, so a test can claim a Content-Length or stream chunks as a real client might. */
function post(url: string, options: { headers?: Record<string, string>; chunks?: (string | Buffer)[] }): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: options.headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined }));
    });
    // The server may answer and close before the whole body is sent: that is the point of some tests.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

describe('POST /api/setup/cameras.csv', () => {
  let engine: SiteEngine;
  let stored: EngineFile;
  let dataDir: string;
  let url: string;
  let installer: string;
  let operator: string;
  const city = generateCityInventory({ count: 300, bad: 6 });

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-setup-http-'));
    engine = await SiteEngine.create({ dataDir, port: 0, demo: false });
    stored = await openEngineFile(dataDir);
    await stored.users.upsert({ username: 'asha', displayName: 'Asha (installer)', role: 'installer', password: PASSWORD });
    await stored.users.upsert({ username: 'ravi', displayName: 'Ravi', role: 'operator', password: PASSWORD });
    installer = (await stored.users.login('asha', PASSWORD)).token;
    operator = (await stored.users.login('ravi', PASSWORD)).token;
    url = `${engine.baseUrl}/api/setup/cameras.csv`;
  });

  after(async () => {
    stored?.close();
    await engine?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const as = (token: string) => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv' });

  it('answers 401 without a login token or with a bad one, and 403 to a non-installer', async () => {
    const none = await post(url, { chunks: [city.csv] });
    assert.equal(none.status, 401);
    assert.equal(none.body.code, 'Unauthorized');
    assert.equal((await post(url, { headers: as('x'.repeat(43)), chunks: [city.csv] })).status, 401);
    assert.equal((await post(url, { headers: { Authorization: `Basic ${installer}` }, chunks: [city.csv] })).status, 401);
    const forbidden = await post(url, { headers: as(operator), chunks: [city.csv] });
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.body.code, 'Forbidden');
    assert.equal(stored.cameras.count(), 0);
  });

  it('a dry run answers the report and writes nothing', async () => {
    const dry = await post(`${url}?dryRun=1`, { headers: as(installer), chunks: [city.csv] });
    assert.equal(dry.status, 200);
    assert.equal(dry.body.dryRun, true);
    assert.equal(dry.body.inserted, 294);
    assert.deepEqual(dry.body.errors.map((e: { line: number }) => e.line), city.badLines);
    assert.equal(stored.cameras.count(), 0);
    assert.equal(stored.audit.list({ limit: 5, target: 'cameras' }).length, 0);
  });

  it('imports the good rows, reports the bad ones, and audits who did it', async () => {
    const done = await post(url, { headers: as(installer), chunks: [city.csv] });
    assert.equal(done.status, 200);
    assert.deepEqual([done.body.rows, done.body.inserted, done.body.updated, done.body.unchanged], [300, 294, 0, 0]);
    assert.equal(done.body.errors.length, 6);
    assert.equal(stored.cameras.count(), 294);
    const again = await post(url, { headers: as(installer), chunks: [city.csv] });
    assert.deepEqual([again.body.inserted, again.body.updated, again.body.unchanged], [0, 0, 294]);
    const entries = stored.audit.list({ limit: 5, target: 'cameras' });
    assert.deepEqual(
      entries.map((e) => [e.actor, e.action, e.detail]),
      [
        ['installer:asha', 'setup.importCameras', { inserted: 0, updated: 0, unchanged: 294, errors: 6 }],
        ['installer:asha', 'setup.importCameras', { inserted: 294, updated: 0, unchanged: 0, errors: 6 }],
      ],
    );
  });

  it('answers 400 to a file it cannot use, and 413 to one declared too large', async () => {
    const unusable = await post(url, { headers: as(installer), chunks: ['camera,colour\nx,red\n'] });
    assert.equal(unusable.status, 400);
    assert.match(unusable.body.message, /unknown columns "camera", "colour"/);
    const huge = await post(url, { headers: { ...as(installer), 'Content-Length': String(64 * 1024 * 1024) }, chunks: ['id,name'] });
    assert.equal(huge.status, 413);
    assert.equal((await post(`${engine.baseUrl}/api/setup/other`, { headers: as(installer) })).status, 404);
  });

  it('stops reading a streamed body at the limit and answers 413', async () => {
    const server = http.createServer((req, res) => {
      void handleSetupRequest({ cameras: stored.cameras, audit: stored.audit, users: stored.users, limits: { maxBytes: 10_000, maxRows: 100 } }, req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const chunk = Buffer.alloc(4096, 'a');
      const streamed = await post(`http://127.0.0.1:${port}/api/setup/cameras.csv`, {
        headers: { ...as(installer), 'Transfer-Encoding': 'chunked' },
        chunks: [chunk, chunk, chunk, chunk],
      });
      assert.equal(streamed.status, 413);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('engine start and the camera secret key', () => {
  it('creates secret.key 0600 on first start, and refuses to start on a readable or a wrong key', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-engine-key-'));
    try {
      const engine = await SiteEngine.create({ dataDir, port: 0, demo: false });
      const stored = await openEngineFile(dataDir);
      stored.cameras.upsertMany([
        { id: 'atm-a', name: 'ATM A', category: 'atm', lat: 26.4, lon: 80.3, mainUrl: 'rtsp://10.0.0.1/a', username: 'admin', password: 'camera-pass' },
      ]);
      stored.close();
      await engine.close();
      const keyFile = path.join(dataDir, 'secret.key');
      assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600);
      fs.chmodSync(keyFile, 0o644);
      await assert.rejects(SiteEngine.create({ dataDir, port: 0, demo: false }), /secret\.key is readable by group or others/);
      fs.writeFileSync(keyFile, Buffer.alloc(32, 9));
      fs.chmodSync(keyFile, 0o600);
      await assert.rejects(SiteEngine.create({ dataDir, port: 0, demo: false }), /camera credentials were sealed with key .*restore the secret\.key/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
