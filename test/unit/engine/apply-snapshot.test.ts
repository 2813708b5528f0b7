import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openDatabase } from '../../../main/engine/node/store/database.js';
import { LOGIN_LIFETIME_MS, sha256, UserRepo } from '../../../main/engine/node/store/user-repo.js';
import { replaceUsersFromSite } from '../../../main/engine/node/sync/apply-snapshot.js';

describe('the site snapshot taken into a workstation', () => {
  it('a workstation taking the site\'s logins keeps those begun after it asked (its own clock) and those still being carried', async () => {
    const db = openDatabase(':memory:');
    let now = 1_000_000;
    const users = new UserRepo(db, () => now);
    const asha = { username: 'asha', displayName: 'Asha', role: 'operator' as const, disabled: false };
    replaceUsersFromSite(users, [asha], [], now);
    const token = (n: number): string => `token-${n}-${'x'.repeat(40)}`;
    users.rememberSiteLogin(token(1), 'asha', now + LOGIN_LIFETIME_MS); // seen before the next snapshot was asked for, ended at the site since
    users.rememberSiteLogin(token(2), 'asha', now + LOGIN_LIFETIME_MS); // made offline, still in the outbox
    now += 1000;
    const askedAt = now;
    now += 1000;
    users.rememberSiteLogin(token(3), 'asha', now + LOGIN_LIFETIME_MS); // seen while the snapshot was on its way
    replaceUsersFromSite(users, [asha], [], askedAt, new Set([sha256(token(2))]));
    assert.deepEqual([1, 2, 3].map((n) => users.userForToken(token(n))?.username ?? null), [null, 'asha', 'asha']);
    db.close();
  });
});
