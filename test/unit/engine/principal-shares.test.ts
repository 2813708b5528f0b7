import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SHARE_LIMITS, PrincipalShares, type ShareHolder } from '../../../main/engine/node/api/principal-shares.js';

const asha = { username: 'asha', displayName: 'Asha', role: 'operator' as const };
const socket = (principal: ShareHolder['principal'], watchCount: number, user = principal.kind === 'console' ? asha : undefined, remoteAddress = '10.0.0.1'): ShareHolder => ({
  principal,
  user,
  remoteAddress,
  viewer: { watchCount },
});

describe('principal shares', () => {
  it('counts login pages (site-token sockets nobody logged in on) per address; a login moves a socket to its person', () => {
    const loginPage = (): ShareHolder => ({ principal: { kind: 'console' }, user: undefined, remoteAddress: '10.0.0.7', viewer: { watchCount: 0 } });
    const pages = [loginPage(), socket({ kind: 'console' }, 0, asha, '10.0.0.7')];
    const shares = new PrincipalShares(() => pages, { ...DEFAULT_SHARE_LIMITS, sockets: { ...DEFAULT_SHARE_LIMITS.sockets, address: 2 } });
    assert.equal(shares.socketRefusal({ kind: 'console' }, '10.0.0.7'), undefined, 'one login page and one logged-in console');
    pages.push(loginPage());
    assert.match(shares.socketRefusal({ kind: 'console' }, '10.0.0.7') ?? '', /address 10\.0\.0\.7 may have 2 sockets open at once/);
    assert.equal(shares.socketRefusal({ kind: 'console' }, '10.0.0.8'), undefined, 'another desk');
  });

  const limits = { sockets: { box: 2, display: 2, workstation: 4, user: 16, address: 2 }, watches: { display: 4, user: 5 } };

  it('counts a person’s watches across all their sockets, and nobody else’s', () => {
    const sockets = [socket({ kind: 'console' }, 3), socket({ kind: 'console' }, 1), socket({ kind: 'console' }, 9, { ...asha, username: 'ravi' })];
    const shares = new PrincipalShares(() => sockets, limits);
    shares.admitWatch(sockets[0]!); // 4 of 5
    sockets[1] = socket({ kind: 'console' }, 2);
    assert.throws(() => shares.admitWatch(sockets[0]!), { code: 'LimitReached', message: /user asha may watch 5 camera streams at once across its sockets/ });
  });

  it('gives each wall display its own share of watches; kiosks and bare sockets take none', () => {
    const one = socket({ kind: 'display', wallId: 'main', displayId: '1' }, 4);
    const two = socket({ kind: 'display', wallId: 'main', displayId: '2' }, 0);
    const shares = new PrincipalShares(() => [one, two], limits);
    assert.throws(() => shares.admitWatch(one), { code: 'LimitReached', message: /display main\/1 may watch 4/ });
    shares.admitWatch(two);
    shares.admitWatch(socket({ kind: 'box', boxId: 'b' }, 99));
  });

  it('refuses a key its next socket once its share is open, per key', () => {
    const open = [socket({ kind: 'box', boxId: 'b-1' }, 0), socket({ kind: 'box', boxId: 'b-1' }, 0)];
    const shares = new PrincipalShares(() => open, DEFAULT_SHARE_LIMITS);
    assert.match(shares.socketRefusal({ kind: 'box', boxId: 'b-1' }, '10.0.0.9') ?? '', /box b-1 may have 2 sockets open at once/);
    assert.equal(shares.socketRefusal({ kind: 'box', boxId: 'b-2' }, '10.0.0.9'), undefined);
    assert.equal(shares.socketRefusal({ kind: 'console' }, '10.0.0.9'), undefined, 'a login page from an address with none open');
  });
});
