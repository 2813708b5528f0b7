// A stolen kiosk key used to take the media plane: hundreds of sockets on one box key, each asking
// for call transports, once used up the worker's ports and every console's receive transport
// failed. A key now opens only its share of sockets (the rest are refused at the upgrade, 429), a
// person may be logged in on only so many sockets, and consoles keep getting their transports.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SHARE_LIMITS } from '../../../main/engine/node/api/principal-shares.js';
import { EngineSuite } from '../../support/engine-suite.js';
import { TestClient } from '../../support/ws-client.js';

const TOKEN = 'test-token-shares';
const BOX = 'box-shares';
const PASSWORD = 'a long test password';
const LIMITS = { ...DEFAULT_SHARE_LIMITS, sockets: { ...DEFAULT_SHARE_LIMITS.sockets, user: 3 } };
const CAPS = { codecs: [], headerExtensions: [] };

describe('what one principal may take', () => {
  let kioskUrl: string;
  const suite = EngineSuite.forSuite('jharokha-shares-', { token: TOKEN, shareLimits: LIMITS }, async ({ stored }) => {
    stored.boxes.upsert({ id: BOX, name: 'Shares box', place: 'Lab', lat: 26.46, lon: 80.34 });
    kioskUrl = suite.kioskUrl(BOX, stored.boxes.issueKey(BOX));
    await stored.users.upsert({ username: 'asha', displayName: 'Asha', role: 'operator', password: PASSWORD });
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

      const operator = await suite.connect();
      await operator.ok('session.login', { username: 'asha', password: PASSWORD });
      const recv = await operator.request('media.createRecvTransport', {});
      assert.equal(recv.ok, true, `a console still gets its transport: ${JSON.stringify(recv.error)}`);
      // A page that keeps renewing its transport (each failure) is never locked out: the oldest goes.
      for (let i = 0; i < 6; i++) assert.equal((await operator.request('media.createRecvTransport', {})).ok, true, `renewal ${i + 1}`);
      operator.close();
    } finally {
      for (const kiosk of opened) kiosk.close();
    }
    await new Promise((r) => setTimeout(r, 200));
  });

  it('a person logged in on all their sockets is refused one more login, saying why', async () => {
    const sockets = await Promise.all(Array.from({ length: LIMITS.sockets.user + 1 }, () => suite.connect()));
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
