// A stolen kiosk key used to take the media plane: hundreds of sockets on one box key, each asking
// for call transports, once used up the worker's ports and every console's receive transport
// failed. A key now opens only its share of sockets (the rest are refused at the upgrade, 429), a
// person may be logged in on only so many sockets, and consoles keep getting their transports.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SiteEngine } from '../../../main/engine/node/site-engine.js';
import { DEFAULT_SHARE_LIMITS } from '../../../main/engine/node/api/principal-shares.js';
import { openEngineFile, type EngineFile } from '../../support/engine-stores.js';
import { TestScratch } from '../../support/test-scratch.js';
import { TestClient } from '../../support/ws-client.js';

const TOKEN = 'test-token-shares';
const BOX = 'box-shares';
const PASSWORD = 'a long test password';
const LIMITS = { ...DEFAULT_SHARE_LIMITS, sockets: { ...DEFAULT_SHARE_LIMITS.sockets, user: 3 } };
const CAPS = { codecs: [], headerExtensions: [] };

describe('what one principal may take', () => {
  const scratch = new TestScratch('jharokha-shares-');
  let engine: SiteEngine;
  let stored: EngineFile;
  let kioskUrl: string;

  before(async () => {
    engine = await SiteEngine.create({ dataDir: scratch.dataDir, port: 0, demo: false, token: TOKEN, shareLimits: LIMITS });
    stored = await openEngineFile(scratch.dataDir);
    stored.boxes.upsert({ id: BOX, name: 'Shares box', place: 'Lab', lat: 26.46, lon: 80.34 });
    kioskUrl = `${engine.wsUrl().replace(/\?.*/, '')}?box=${BOX}&key=${encodeURIComponent(stored.boxes.issueKey(BOX))}`;
    await stored.users.upsert({ username: 'asha', displayName: 'Asha', role: 'operator', password: PASSWORD });
  });

  after(async () => {
    scratch.closeClients();
    stored?.close();
    await engine?.close();
    scratch.removeDataDir();
  });

  it('500 kiosk sockets on one box key leave consoles their transports', async () => {
    const attempts = await Promise.allSettled(Array.from({ length: 500 }, () => TestClient.connect(kioskUrl)));
    const opened = attempts.filter((a): a is PromiseFulfilledResult<TestClient> => a.status === 'fulfilled').map((a) => a.value);
    const refused = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    try {
      assert.equal(opened.length, LIMITS.sockets.box, 'the key’s share of sockets');
      assert.ok(refused.every((r) => /HTTP 429/.test(String(r.reason))), 'the rest are refused as too many');
      const transports = await Promise.all(opened.map((kiosk) => kiosk.request('call.createTransports', { rtpCapabilities: CAPS })));
      assert.ok(transports.every((t) => t.ok), 'the kiosk’s own sockets still work');

      const operator = await scratch.connect(engine.wsUrl());
      await operator.ok('session.login', { username: 'asha', password: PASSWORD });
      const recv = await operator.request('media.createRecvTransport', {});
      assert.equal(recv.ok, true, `a console still gets its transport: ${JSON.stringify(recv.error)}`);
      operator.close();
    } finally {
      for (const kiosk of opened) kiosk.close();
    }
    await new Promise((r) => setTimeout(r, 200));
  });

  it('a person logged in on all their sockets is refused one more login, saying why', async () => {
    const sockets = await Promise.all(Array.from({ length: LIMITS.sockets.user + 1 }, () => scratch.connect(engine.wsUrl())));
    for (const socket of sockets.slice(0, -1)) await socket.ok('session.login', { username: 'Asha', password: PASSWORD });
    const extra = await sockets.at(-1)!.request('session.login', { username: 'asha', password: PASSWORD });
    assert.equal(extra.error?.code, 'LimitReached');
    assert.match(extra.error!.message, /user asha may have 3 sockets open at once/);
    // Logging in again on a socket already logged in is no extra socket.
    assert.equal((await sockets[0]!.request('session.login', { username: 'asha', password: PASSWORD })).ok, true);
    sockets[1]!.close();
    await new Promise((r) => setTimeout(r, 200));
    assert.equal((await sockets.at(-1)!.request('session.login', { username: 'asha', password: PASSWORD })).ok, true, 'a freed socket is free again');
  });
});
