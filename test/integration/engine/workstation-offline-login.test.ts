// A login made on a workstation while its site is dead is carried to the site when it is back
// (session.carry through the outbox), so the page stays logged in once it is relayed to the site
// again; a password changed on the site meanwhile makes the site refuse it, and that page is asked
// to log in again. Real processes: the site runs in its own and is killed with SIGKILL.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SiteEngine } from '../../../main/engine/node/site-engine.js';
import { openDatabase } from '../../../main/engine/node/store/database.js';
import { UserRepo } from '../../../main/engine/node/store/user-repo.js';
import { until } from '../../support/wait.js';
import { killSite, OPERATOR, seedSite, startSite, startWorkstation, type SeededSite } from '../../support/site-process.js';
import { TestClient } from '../../support/ws-client.js';

async function consoleOn(workstation: SiteEngine, mode: 'site' | 'local'): Promise<TestClient> {
  const client = await TestClient.connect(workstation.wsUrl());
  const status = await client.waitFrame((f) => f.event === 'site.status', 'site.status');
  assert.equal(status.data.mode, mode);
  return client;
}

/** Works on the dead site's store file directly, as an installer's CLI would. */
async function onSiteStore<T>(site: SeededSite, use: (db: ReturnType<typeof openDatabase>) => T | Promise<T>): Promise<T> {
  const db = openDatabase(path.join(site.dataDir, 'engine.sqlite'));
  try {
    return await use(db);
  } finally {
    db.close();
  }
}

describe('a login made on a workstation while its site is dead', () => {
  let site: SeededSite;
  let workstation: SiteEngine;

  before(async () => {
    site = await seedSite([]);
    await startSite(site);
    workstation = await startWorkstation(site);
    await until('workstation in site mode', 10_000, () => workstation.internalsForTests.workstation!.workstation.siteMode);
  });

  after(async () => {
    await workstation?.close();
    await killSite(site);
  });

  /** Kills the site, logs in on the workstation from its copy, and returns the login's token. */
  const logInOffline = async (): Promise<string> => {
    const ws = workstation.internalsForTests.workstation!;
    await killSite(site);
    await until('workstation in local mode', 5_000, () => !ws.workstation.siteMode);
    const page = await consoleOn(workstation, 'local');
    // scrypt on a busy 2-core machine can take seconds.
    const token = (await page.ok('session.login', OPERATOR, 15_000)).token as string;
    await page.waitFrame((f) => f.event === 'site.status' && f.data.pendingActions >= 1, 'the carried login waiting');
    page.close();
    return token;
  };

  const bringSiteBack = async (): Promise<void> => {
    await startSite(site);
    await until('workstation back in site mode', 15_000, () => workstation.internalsForTests.workstation!.workstation.siteMode);
  };

  it('resumes on the site once it is back, audited as a login via the workstation', async () => {
    const token = await logInOffline();
    await bringSiteBack();
    assert.equal(workstation.internalsForTests.workstation!.outbox.pendingCount(), 0);

    const page = await consoleOn(workstation, 'site');
    const resumed = await page.request('session.resume', { token });
    assert.equal(resumed.ok, true, JSON.stringify(resumed.error));
    assert.equal(resumed.result.user.username, 'asha');
    page.close();

    await killSite(site);
    const logins = await onSiteStore(site, (db) => db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'session.login'").all() as { actor: string; detail: string }[]);
    assert.deepEqual(logins.map((l) => l.actor), ['operator:asha via workstation:ws-1']);
    assert.equal(JSON.parse(logins[0]!.detail).carried, true);
    await bringSiteBack();
  });

  it('is refused by the site when the password changed there meanwhile, and the page must log in again', async () => {
    const token = await logInOffline();
    await onSiteStore(site, (db) => new UserRepo(db).upsert({ username: OPERATOR.username, displayName: 'Asha', role: 'operator', password: 'a brand new password' }));
    await bringSiteBack();

    const carried = workstation.internalsForTests.workstation!.outbox.entries().filter((e) => e.action.method === 'session.carry');
    assert.equal(carried.length, 2);
    assert.match(carried[1]!.refused ?? '', /password changed on the site/);
    const page = await consoleOn(workstation, 'site');
    const resumed = await page.request('session.resume', { token });
    assert.equal(resumed.error?.code, 'Unauthorized');
    page.close();
  });
});
