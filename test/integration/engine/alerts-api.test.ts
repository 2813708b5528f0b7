import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { UserRole } from '../../../common/domain/user.js';
import { SiteEngine } from '../../../main/engine/node/site-engine.js';
import { openEngineFile, type EngineFile } from '../../support/engine-stores.js';
import { TestClient } from '../../support/ws-client.js';

const TOKEN = 'test-token-alerts';

async function startEngine(dataDir: string, escalateAfterMs = 60_000): Promise<SiteEngine> {
  return SiteEngine.create({ dataDir, port: 0, demo: false, token: TOKEN, escalateAfterMs });
}

function boxUrl(engine: SiteEngine, boxId: string, key: string): string {
  return `${engine.wsUrl().replace(/\?.*/, '')}?box=${boxId}&key=${encodeURIComponent(key)}`;
}

const passwordOf = (username: string): string => `${username} long password`;

/** A console socket with `username` logged in (the user is made on first use). */
async function console_(engine: SiteEngine, stored: EngineFile, username: string, role: UserRole = 'operator'): Promise<TestClient> {
  if (stored.users.get(username)?.role !== role) await stored.users.upsert({ username, displayName: username, role, password: passwordOf(username) });
  const client = await TestClient.connect(engine.wsUrl());
  const login = await client.request('session.login', { username, password: passwordOf(username) });
  assert.equal(login.ok, true, JSON.stringify(login.error));
  return client;
}

/** Closes a client and waits until the engine has seen it go. */
async function closed(client: TestClient): Promise<void> {
  const gone = new Promise((resolve) => client.ws.once('close', resolve));
  client.close();
  await gone;
  await new Promise((r) => setTimeout(r, 50));
}

describe('emergency queue over the WebSocket: kiosks, consoles, roles', () => {
  let dataDir: string;
  let engine: SiteEngine;
  let stored: EngineFile;
  const keys: Record<string, string> = {};
  const clients: TestClient[] = [];
  const track = <T extends TestClient>(c: T): T => (clients.push(c), c);

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-alerts-'));
    engine = await startEngine(dataDir);
    stored = await openEngineFile(dataDir);
    for (const [id, name, lat, lon] of [
      ['box-ghantaghar', 'Ghantaghar Square', 26.4606, 80.3467],
      ['box-iit-gate', 'IIT Gate', 26.5123, 80.2329],
    ] as const) {
      stored.boxes.upsert({ id, name, place: name, lat, lon });
      keys[id] = stored.boxes.issueKey(id);
    }
  });

  after(async () => {
    for (const c of clients) c.close();
    stored?.close();
    await engine?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a kiosk with a wrong key, another box key, or no key', async () => {
    await assert.rejects(TestClient.connect(boxUrl(engine, 'box-ghantaghar', 'not-the-key')), /401/);
    await assert.rejects(TestClient.connect(boxUrl(engine, 'box-ghantaghar', keys['box-iit-gate']!)), /401/);
    await assert.rejects(TestClient.connect(boxUrl(engine, 'box-nowhere', keys['box-iit-gate']!)), /401/);
  });

  it('a kiosk may not act as another box, nor use console methods', async () => {
    const kiosk = track(await TestClient.connect(boxUrl(engine, 'box-ghantaghar', keys['box-ghantaghar']!)));
    const other = await kiosk.request('box.press', { kind: 'panic', pressId: randomUUID(), boxId: 'box-iit-gate' });
    assert.equal(other.error?.code, 'Forbidden');
    for (const method of ['cameras.search', 'alerts.list', 'wall.set', 'alert.answer']) {
      assert.equal((await kiosk.request(method, {})).error?.code, 'Forbidden', method);
    }
    assert.equal((await stored.alerts.list()).length, 0, 'nothing was raised');
    // A box key opens only a couple of sockets at once: this one makes room for the kiosks below.
    await closed(kiosk);
  });

  it('call methods need an operator logged in, audit needs a supervisor, and an installer takes no calls', async () => {
    const anonymous = track(await TestClient.connect(engine.wsUrl()));
    // The login page loads the codecs before anyone has logged in.
    assert.equal((await anonymous.request('media.routerCapabilities', {})).ok, true);
    assert.equal((await anonymous.request('alerts.list', {})).error?.code, 'Forbidden');
    const operator = track(await console_(engine, stored, 'asha'));
    assert.equal((await operator.request('audit.list', {})).error?.code, 'Forbidden');
    const installer = track(await console_(engine, stored, 'neha', 'installer'));
    for (const method of ['alerts.list', 'alert.answer', 'audit.list', 'call.createTransports']) {
      const refused = await installer.request(method, { alertId: randomUUID() });
      assert.equal(refused.error?.code, 'Forbidden', method);
      assert.match(refused.error!.message, /neha is installer/);
    }
    const supervisor = track(await console_(engine, stored, 'vikram', 'supervisor'));
    assert.equal((await supervisor.request('audit.list', {})).ok, true);
  });

  it('a login is checked, audited, resumable on a new socket with its token, and ends at logout', async () => {
    await stored.users.upsert({ username: 'ravi', displayName: 'Ravi Yadav', role: 'operator', password: passwordOf('ravi') });
    const socket = track(await TestClient.connect(engine.wsUrl()));
    for (const [username, password] of [['ravi', 'not his password'], ['nobody', 'any password'], ['RAVI', '']]) {
      const refused = await socket.request('session.login', { username, password });
      assert.equal(refused.error?.code, 'Unauthorized', username);
      assert.equal(refused.error?.message, 'wrong user name or password', 'the same words whether or not the user exists');
    }
    assert.equal((await socket.request('alerts.list', {})).error?.code, 'Forbidden');
    const login = await socket.request('session.login', { username: 'Ravi', password: passwordOf('ravi') });
    assert.deepEqual(login.result.user, { username: 'ravi', displayName: 'Ravi Yadav', role: 'operator' });
    assert.equal((await socket.request('alerts.list', {})).ok, true);
    assert.ok(!JSON.stringify(stored.audit.list({ limit: 20, target: 'session' })).includes(passwordOf('ravi')), 'no password in the audit log');
    const actions = stored.audit.list({ limit: 20, target: 'session' }).map((e) => `${e.action} ${e.actor}`);
    assert.ok(actions.includes('session.login operator:ravi'));
    assert.ok(actions.includes('session.loginRefused login:nobody'));

    const reconnected = track(await TestClient.connect(engine.wsUrl()));
    assert.equal((await reconnected.request('session.resume', { token: login.result.token })).result.user.username, 'ravi');
    assert.equal((await reconnected.request('alerts.list', {})).ok, true);
    assert.equal((await socket.request('session.logout', {})).ok, true);
    assert.equal((await socket.request('alerts.list', {})).error?.code, 'Forbidden', 'logged out on this socket');
    const afterLogout = track(await TestClient.connect(engine.wsUrl()));
    assert.equal((await afterLogout.request('session.resume', { token: login.result.token })).error?.code, 'Unauthorized');

    const second = await afterLogout.request('session.login', { username: 'ravi', password: passwordOf('ravi') });
    stored.users.disable('ravi');
    const disabled = track(await TestClient.connect(engine.wsUrl()));
    assert.equal((await disabled.request('session.resume', { token: second.result.token })).error?.code, 'Unauthorized');
    assert.equal((await disabled.request('session.login', { username: 'ravi', password: passwordOf('ravi') })).error?.code, 'Unauthorized');
  });

  it('panic pressed while an emergency rings: both consoles ring at once, panic on top; one claim wins', async () => {
    const asha = track(await console_(engine, stored, 'asha'));
    const vikram = track(await console_(engine, stored, 'vikram'));
    const iit = track(await TestClient.connect(boxUrl(engine, 'box-iit-gate', keys['box-iit-gate']!)));
    const ghanta = track(await TestClient.connect(boxUrl(engine, 'box-ghantaghar', keys['box-ghantaghar']!)));

    const emergency = await iit.request('box.press', { kind: 'emergency', pressId: randomUUID() });
    assert.equal(emergency.ok, true, JSON.stringify(emergency.error));
    const pressedAt = Date.now();
    const panic = await ghanta.request('box.press', { kind: 'panic', pressId: randomUUID() });
    assert.equal(panic.result.alert.state, 'ringing');
    for (const c of [asha, vikram]) {
      await c.waitFrame((f) => f.event === 'alert.changed' && f.data.id === panic.result.alert.id, 'panic ring', 1000);
    }
    assert.ok(Date.now() - pressedAt < 1000);
    const listed = (await asha.request('alerts.list', {})).result.alerts;
    assert.deepEqual(
      listed.map((a: { kind: string }) => a.kind),
      ['panic', 'emergency'],
    );

    // Two operators in the same millisecond: exactly one gets the call.
    const [a, v] = await Promise.all([
      asha.request('alert.answer', { alertId: panic.result.alert.id }),
      vikram.request('alert.answer', { alertId: panic.result.alert.id }),
    ]);
    const winners = [a, v].filter((r) => r.ok);
    const losers = [a, v].filter((r) => !r.ok);
    assert.equal(winners.length, 1);
    assert.equal(losers[0]!.error!.code, 'Conflict');
    assert.match(losers[0]!.error!.message, /taken by (asha|vikram)/);
    const taker = winners[0]!.result.alert.operator as string;
    const other = taker === 'asha' ? vikram : asha;
    await other.waitFrame((f) => f.event === 'alert.changed' && f.data.id === panic.result.alert.id && f.data.operator === taker, 'taken');
    // The kiosk hears about its own call, and only its own.
    await ghanta.waitFrame((f) => f.event === 'alert.changed' && f.data.state === 'answered', 'kiosk sees answered');
    assert.ok(!ghanta.frames.some((f) => f.event === 'alert.changed' && (f.data as { boxId: string }).boxId !== 'box-ghantaghar'));

    // Out of order: resume a call that is not on hold; close without an outcome.
    const owner = taker === 'asha' ? asha : vikram;
    assert.equal((await owner.request('alert.resume', { alertId: panic.result.alert.id })).error?.code, 'InvalidState');
    assert.equal((await owner.request('alert.close', { alertId: panic.result.alert.id })).error?.code, 'BadRequest');
    assert.equal((await other.request('alert.hangup', { alertId: panic.result.alert.id })).error?.code, 'Forbidden');

    const hung = await owner.request('alert.hangup', { alertId: panic.result.alert.id });
    assert.equal(hung.result.alert.state, 'ended');
    const closed = await owner.request('alert.close', { alertId: panic.result.alert.id, outcome: 'valid', note: 'woman followed; PCR van sent' });
    assert.equal(closed.result.alert.state, 'closed');

    const supervisor = track(await console_(engine, stored, 'rao', 'supervisor'));
    const audit = (await supervisor.request('audit.list', { target: `alert:${panic.result.alert.id}` })).result.entries;
    const actions = audit.map((e: { action: string }) => e.action).reverse();
    assert.deepEqual(actions, ['alert.ring', 'alert.answer', 'alert.hangup', 'alert.close']);
    assert.equal(audit[0].detail.outcome, 'valid');
    assert.ok(audit.every((e: { at: number }) => e.at > 0));
  });

  it('the same press sent twice (a retry after a drop) raises one alert', async () => {
    const kiosk = track(await TestClient.connect(boxUrl(engine, 'box-ghantaghar', keys['box-ghantaghar']!)));
    const pressId = randomUUID();
    const [first, second] = await Promise.all([
      kiosk.request('box.press', { kind: 'emergency', pressId }),
      kiosk.request('box.press', { kind: 'emergency', pressId }),
    ]);
    assert.equal(first.result.alert.id, second.result.alert.id);
    const rings = stored.audit.list({ limit: 100, target: `alert:${first.result.alert.id}` }).filter((e) => e.action === 'alert.ring');
    assert.equal(rings.length, 1);
  });

  it('malformed frames and unknown methods get clear errors and leave the queue consistent', async () => {
    const asha = track(await console_(engine, stored, 'asha'));
    const before = (await asha.request('alerts.list', {})).result.alerts.length;
    asha.sendRaw('{"id": 1, "method": ');
    await asha.waitFrame((f) => f.event === 'protocol.error', 'protocol.error');
    assert.equal((await asha.request('alert.answer', { alertId: 'not-a-uuid' })).error?.code, 'BadRequest');
    assert.equal((await asha.request('alert.answer', { alertId: randomUUID() })).error?.code, 'NotFound');
    assert.equal((await asha.request('alert.explode', {})).error?.code, 'BadRequest');
    assert.equal((await asha.request('alerts.list', {})).result.alerts.length, before);
  });
});

describe('the queue survives an engine restart', () => {
  it('a ringing call keeps its place and original time; a press retried across the restart joins it once', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-restart-'));
    let engine = await startEngine(dataDir);
    const stored = await openEngineFile(dataDir);
    try {
      stored.boxes.upsert({ id: 'box-rambagh', name: 'Rambagh', place: 'Rambagh', lat: 26.47, lon: 80.33 });
      const key = stored.boxes.issueKey('box-rambagh');
      let kiosk = await TestClient.connect(boxUrl(engine, 'box-rambagh', key));
      const ringing = (await kiosk.request('box.press', { kind: 'panic', pressId: randomUUID() })).result.alert;
      kiosk.close();
      await engine.close();

      // Pressed while the engine was down: the kiosk keeps the press and sends it when it can,
      // here twice (its first attempt's answer was lost), as a real kiosk may.
      const offlinePress = randomUUID();
      engine = await startEngine(dataDir);
      kiosk = await TestClient.connect(boxUrl(engine, 'box-rambagh', key));
      await kiosk.request('box.press', { kind: 'emergency', pressId: offlinePress });
      await kiosk.request('box.press', { kind: 'emergency', pressId: offlinePress });
      kiosk.close();

      const operator = await console_(engine, stored, 'asha');
      const alerts = (await operator.request('alerts.list', {})).result.alerts as { id: string; kind: string; raisedAt: number; state: string }[];
      operator.close();
      assert.equal(alerts.length, 1, 'the box has one open alert: the later press joined it');
      assert.equal(alerts[0]!.id, ringing.id);
      assert.equal(alerts[0]!.raisedAt, ringing.raisedAt);
      assert.equal(alerts[0]!.state, 'ringing');
      assert.equal(alerts[0]!.kind, 'panic', 'an emergency press leaves a panic alert panic');
      const joined = stored.audit.list({ limit: 100, target: `alert:${ringing.id}` }).filter((e) => e.action === 'alert.pressAgain');
      assert.deepEqual(
        joined.map((e) => (e.detail as { pressId: string }).pressId),
        [offlinePress],
      );
    } finally {
      stored.close();
      await engine.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
