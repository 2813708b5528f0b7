// DNS rebinding: a page at http://evil.example:PORT whose name is re-pointed at the engine sends
// `Host: evil.example:PORT` or, through a proxy that rewrites it, the engine's own Host, with its
// own Origin. Only the site's configured addresses may open the socket.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SiteEngine } from '../../../main/engine/node/site-engine.js';
import { TestScratch } from '../../support/test-scratch.js';
import { upgradeStatus } from './upgrade-request.js';

describe('WebSocket origins', () => {
  const scratch = new TestScratch('jharokha-origin-');
  let engine: SiteEngine;
  let port: number;
  const path = '/ws?token=test-token-123';

  before(async () => {
    engine = await SiteEngine.create({ dataDir: scratch.dataDir, port: 0, demo: false, token: 'test-token-123', publicUrls: ['https://cctv.police.example'] });
    port = Number(new URL(engine.baseUrl).port);
  });

  after(async () => {
    await engine?.close();
    scratch.removeDataDir();
  });

  it('a rebinding origin is refused', async () => {
    const host = `127.0.0.1:${port}`;
    assert.equal(await upgradeStatus(port, path, { host, origin: `http://evil.example:${port}` }), 403);
    assert.equal(await upgradeStatus(port, path, { host: `evil.example:${port}`, origin: `http://evil.example:${port}` }), 403);
    assert.equal(await upgradeStatus(port, path, { host, origin: 'null' }), 403);
    assert.equal(await upgradeStatus(port, path, { host, origin: `https://127.0.0.1:${port}` }), 403, 'another scheme is another origin');
    assert.equal(await upgradeStatus(port, path, { host, origin: `http://127.0.0.1:${port + 1}` }), 403, 'another port is another origin');
  });

  it('the engine\'s own addresses, its loopback names and its public URL still open the socket', async () => {
    const host = `127.0.0.1:${port}`;
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`, 'https://cctv.police.example', 'jharokha://app']) {
      assert.equal(await upgradeStatus(port, path, { host, origin }), 101, origin);
    }
    assert.equal(await upgradeStatus(port, path, { host }), 101, 'a client that is no browser sends no Origin');
  });

  it('a public URL that is not an origin stops the start, saying why', async () => {
    await assert.rejects(
      SiteEngine.create({ dataDir: scratch.dataDir, port: 0, demo: false, publicUrls: ['https://cctv.police.example/console'] }),
      /origin only/,
    );
  });
});
