import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { UserRole } from '../../../common/domain/user.js';
import { methods } from '../../../common/protocol/methods.js';
import { SiteSnapshot, SYNC_SNAPSHOT_PATH } from '../../../main/engine/node/sync/site-snapshot.js';
import { EngineSuite } from '../../support/engine-suite.js';
import { TestClient } from '../../support/ws-client.js';

const TOKEN = 'test-token-workstation-sync';
const passwordOf = (username: string): string => `${username} long password`;

describe('workstations: their keys, the site snapshot, acknowledgements and delivered actions', () => {
  let wsKey: string;

  const wsUrl = (id: string, key?: string): string =>
    `${suite.engine.wsUrl().replace(/\?.*/, '')}?workstation=${encodeURIComponent(id)}${key === undefined ? '' : `&key=${encodeURIComponent(key)}`}`;
  const fetchSnapshot = (authorization?: string): Promise<Response> =>
    fetch(`${suite.engine.baseUrl}${SYNC_SNAPSHOT_PATH}`, { headers: authorization === undefined ? {} : { Authorization: authorization } });

  async function user(username: string, role: UserRole = 'operator'): Promise<void> {
    if (suite.stored.users.get(username)?.role !== role) await suite.stored.users.upsert({ username, displayName: username, role, password: passwordOf(username) });
  }

  async function console_(username: string, role: UserRole = 'operator'): Promise<TestClient> {
    await user(username, role);
    const client = await suite.scratch.connect(suite.engine.wsUrl());
    const login = await client.request('session.login', { username, password: passwordOf(username) });
    assert.equal(login.ok, true, JSON.stringify(login.error));
    return client;
  }

  // The workstation's one socket on the site for the whole suite (a key opens only a few at once).
  let link: TestClient | undefined;
  const workstation = async (): Promise<TestClient> => (link ??= await suite.scratch.connect(wsUrl('ws-01', wsKey)));

  // Each ring from a box of its own: a box has one live alert, and a press on it would only join.
  let rings = 0;
  async function ring(): Promise<string> {
    const boxId = `box-ring-${++rings}`;
    suite.stored.boxes.upsert({ id: boxId, name: `Ring ${rings}`, place: 'Lab', lat: 26.47, lon: 80.33 });
    const kiosk = await suite.scratch.connect(`${suite.engine.wsUrl().replace(/\?.*/, '')}?box=${boxId}&key=${encodeURIComponent(suite.stored.boxes.issueKey(boxId))}`);
    const press = await kiosk.request('box.press', { kind: 'emergency', pressId: randomUUID() });
    assert.equal(press.ok, true, JSON.stringify(press.error));
    kiosk.close();
    return press.result.alert.id as string;
  }

  const changes = (client: TestClient, alertId: string): number =>
    client.frames.filter((f) => f.event === 'alert.changed' && (f.data as { id: string }).id === alertId).length;
  const auditOf = (alertId: string, action: string) => suite.stored.audit.list({ limit: 100, target: `alert:${alertId}` }).filter((e) => e.action === action);

  const suite = EngineSuite.forSuite('jharokha-workstation-', { token: TOKEN, escalateAfterMs: 60_000 }, async () => {
    suite.stored.cameras.upsertMany([
      { id: 'cam-bank-1', name: 'SBI Mall Road', category: 'bank', lat: 26.47, lon: 80.33, mainUrl: 'rtsp://10.20.0.5/main', username: 'admin', password: 'cam s3cret' },
      { id: 'cam-atm-1', name: 'ATM Rambagh', category: 'atm', lat: 26.471, lon: 80.331, mainUrl: 'rtsp://10.20.0.6/main', subUrl: 'rtsp://10.20.0.6/sub' },
    ]);
    suite.stored.boxes.upsert({ id: 'box-rambagh', name: 'Rambagh', place: 'Rambagh crossing', lat: 26.47, lon: 80.33, cameraId: 'cam-atm-1' });
    suite.stored.boxes.issueKey('box-rambagh');
    wsKey = suite.stored.workstations.register('ws-01', 'Desk 1');
    suite.stored.workstations.register('ws-gone', 'Old desk');
  });

  it('refuses a missing, wrong, unknown or revoked workstation key with 401, on /ws and on the snapshot', async () => {
    const goneKey = suite.stored.workstations.register('ws-gone', 'Old desk');
    suite.stored.workstations.revoke('ws-gone');
    for (const url of [wsUrl('ws-01'), wsUrl('ws-01', 'x'.repeat(43)), wsUrl('ws-01', goneKey), wsUrl('ws-nobody', wsKey), wsUrl('ws-gone', goneKey)]) {
      await assert.rejects(TestClient.connect(url), /401/, url);
    }
    for (const header of [undefined, `Bearer ${wsKey}`, `Workstation ws-01:${'x'.repeat(43)}`, `Workstation ws-nobody:${wsKey}`, `Workstation ws-gone:${goneKey}`, `Workstation ${wsKey}`]) {
      const res = await fetchSnapshot(header);
      assert.equal(res.status, 401, String(header));
      assert.equal(((await res.json()) as { code: string }).code, 'Unauthorized');
    }
    const ws = await workstation();
    assert.ok(ws.ws.readyState === ws.ws.OPEN);
    assert.equal(suite.stored.workstations.list().find((w) => w.id === 'ws-gone')?.revokedAt !== undefined, true);
  });

  it('a console user may not deliver, and a workstation may call nothing but sync.deliver', async () => {
    const asha = await console_('asha');
    const delivery = { requestKey: randomUUID(), username: 'asha', at: Date.now(), action: { method: 'alert.acknowledge', params: { alertId: randomUUID() } } };
    assert.equal((await asha.request('sync.deliver', delivery)).error?.code, 'Forbidden');
    const anonymous = await suite.scratch.connect(suite.engine.wsUrl());
    assert.equal((await anonymous.request('sync.deliver', delivery)).error?.code, 'Forbidden');
    const ws = await workstation();
    for (const method of Object.keys(methods).filter((m) => m !== 'sync.deliver')) {
      assert.equal((await ws.request(method, {})).error?.code, 'Forbidden', method);
    }
  });

  it('the snapshot parses as SiteSnapshot and holds camera credentials, offline verifiers, sessions and open alerts only', async () => {
    await console_('vikram', 'supervisor');
    const openId = await ring();
    const closedId = await ring();
    await console_('rao', 'supervisor').then((rao) => rao.request('alert.close', { alertId: closedId, outcome: 'test', note: '' }));
    const auditsBefore = suite.stored.audit.list({ limit: 1000, target: 'workstation:ws-01' }).length;

    const res = await fetchSnapshot(`Workstation ws-01:${wsKey}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const snapshot = SiteSnapshot.parse(await res.json());
    const bank = snapshot.cameras.find((c) => c.id === 'cam-bank-1');
    assert.equal(bank?.username, 'admin');
    assert.equal(bank?.password, 'cam s3cret');
    assert.equal(snapshot.cameras.find((c) => c.id === 'cam-atm-1')?.subUrl, 'rtsp://10.20.0.6/sub');
    const vikram = snapshot.users.find((u) => u.username === 'vikram');
    assert.equal(vikram?.role, 'supervisor');
    assert.match(vikram!.offline?.verifier ?? '', /^scrypt\$/);
    assert.ok(snapshot.sessions.some((s) => s.username === 'vikram' && s.expiresAt > Date.now()));
    assert.deepEqual(snapshot.boxes.find((b) => b.id === 'box-rambagh'), { id: 'box-rambagh', name: 'Rambagh', place: 'Rambagh crossing', lat: 26.47, lon: 80.33, cameraId: 'cam-atm-1' });
    assert.ok(!JSON.stringify(snapshot.boxes).includes('key'), 'no box key or hash');
    assert.ok(snapshot.alerts.some((a) => a.id === openId));
    assert.ok(!snapshot.alerts.some((a) => a.id === closedId), 'closed alerts stay on the site');
    assert.ok(snapshot.alerts.every((a) => a.state !== 'closed'));

    // The workstation polls every 30 s; the audit says so once a minute, not at every poll.
    assert.equal((await fetchSnapshot(`Workstation ws-01:${wsKey}`)).status, 200);
    const fetches = suite.stored.audit.list({ limit: 1000, target: 'workstation:ws-01' }).filter((e) => e.action === 'sync.snapshot');
    assert.equal(fetches.length - auditsBefore, 1);
    assert.equal(fetches[0]?.actor, 'workstation:ws-01');
  });

  it('acknowledge keeps the first acknowledger; later ones are audited with their note; a closed alert refuses', async () => {
    const asha = await console_('asha');
    const ravi = await console_('ravi');
    const ws = await workstation();
    const alertId = await ring();
    const first = await asha.request('alert.acknowledge', { alertId, note: 'on it' });
    assert.equal(first.ok, true, JSON.stringify(first.error));
    assert.equal(first.result.alert.acknowledgedBy, 'asha');
    assert.equal(first.result.alert.state, 'ringing', 'acknowledging answers nothing');
    assert.ok(first.result.alert.acknowledgedAt > 0);
    await ws.waitFrame((f) => f.event === 'alert.changed' && f.data.id === alertId && f.data.acknowledgedBy === 'asha', 'the workstation hears of it');

    const second = await ravi.request('alert.acknowledge', { alertId, note: 'PCR van 12 informed' });
    assert.equal(second.result.alert.acknowledgedBy, 'asha');
    assert.equal(second.result.alert.acknowledgedAt, first.result.alert.acknowledgedAt);
    const acks = auditOf(alertId, 'alert.acknowledge').reverse();
    assert.deepEqual(acks.map((e) => [e.actor, e.detail?.note]), [['operator:asha', 'on it'], ['operator:ravi', 'PCR van 12 informed']]);
    assert.equal((await asha.request('alerts.list', {})).result.alerts.find((a: { id: string }) => a.id === alertId).acknowledgedBy, 'asha');

    const rao = await console_('rao', 'supervisor');
    assert.equal((await rao.request('alert.close', { alertId, outcome: 'valid', note: '' })).ok, true);
    assert.equal((await ravi.request('alert.acknowledge', { alertId, note: '' })).error?.code, 'InvalidState');
  });

  it('the same requestKey applied twice by alert.acknowledge gives one audit entry and one change', async () => {
    const asha = await console_('asha');
    const alertId = await ring();
    const requestKey = randomUUID();
    const a = await asha.request('alert.acknowledge', { alertId, note: 'seen', requestKey });
    const b = await asha.request('alert.acknowledge', { alertId, note: 'seen', requestKey });
    assert.deepEqual(b.result.alert, a.result.alert);
    assert.equal(auditOf(alertId, 'alert.acknowledge').length, 1);
    // Events reach a socket before the answer to the request that caused them.
    assert.equal(changes(asha, alertId), 2, 'the ring and the acknowledgement');
    // A third acknowledgement with a fresh key is a real one (audited, no change to the alert).
    await asha.request('alert.acknowledge', { alertId, note: 'still on it', requestKey: randomUUID() });
    assert.equal(auditOf(alertId, 'alert.acknowledge').length, 2);
    assert.equal(changes(asha, alertId), 2);
  });

  it('sync.deliver applies as the operator, via the workstation, once per requestKey', async () => {
    await user('rao', 'supervisor');
    await user('asha');
    const ws = await workstation();
    const alertId = await ring();
    const at = Date.now() - 5 * 60_000;
    const ack = { requestKey: randomUUID(), username: 'asha', at, action: { method: 'alert.acknowledge', params: { alertId, note: 'seen offline' } } };
    const [a1, a2] = [await ws.request('sync.deliver', ack), await ws.request('sync.deliver', ack)];
    assert.equal(a1.ok, true, JSON.stringify(a1.error));
    assert.equal(a1.result.alert.acknowledgedBy, 'asha');
    assert.deepEqual(a2.result.alert, a1.result.alert);

    const close = { requestKey: randomUUID(), username: 'rao', at: at + 1000, action: { method: 'alert.close', params: { alertId, outcome: 'false_alarm', note: 'kids' } } };
    const c1 = await ws.request('sync.deliver', close);
    assert.equal(c1.result.alert.state, 'closed', JSON.stringify(c1.error));
    const c2 = await ws.request('sync.deliver', close);
    assert.equal(c2.ok, true, 'a repeat of an applied close is answered, not refused as already closed');
    assert.deepEqual(c2.result.alert, c1.result.alert);

    const [ackEntry, ...moreAcks] = auditOf(alertId, 'alert.acknowledge');
    assert.equal(moreAcks.length, 0);
    assert.equal(ackEntry?.actor, 'operator:asha via workstation:ws-01');
    assert.deepEqual(ackEntry?.detail, { note: 'seen offline', workstation: 'ws-01', at });
    const closes = auditOf(alertId, 'alert.close');
    assert.equal(closes.length, 1);
    assert.equal(closes[0]?.actor, 'supervisor:rao via workstation:ws-01');
    assert.equal(closes[0]?.detail?.at, at + 1000);
    assert.equal(changes(ws, alertId), 3, 'ring, acknowledgement, close');

    // The same action with a new key meets the alert as it is now.
    const late = await ws.request('sync.deliver', { ...close, requestKey: randomUUID() });
    assert.equal(late.error?.code, 'InvalidState');
  });

  it('sync.deliver refuses a disabled user, an unknown one and one who takes no calls', async () => {
    const ws = await workstation();
    const alertId = await ring();
    await user('gone');
    suite.stored.users.disable('gone');
    await user('neha', 'installer');
    for (const username of ['gone', 'neha', 'nobody']) {
      const refused = await ws.request('sync.deliver', { requestKey: randomUUID(), username, at: Date.now(), action: { method: 'alert.acknowledge', params: { alertId } } });
      assert.equal(refused.error?.code, 'Forbidden', username);
    }
    assert.equal(suite.stored.alerts.get(alertId)?.acknowledgedBy, undefined);
    assert.equal(auditOf(alertId, 'alert.acknowledge').length, 0);
  });

  it('a requestKey reused for another alert or another method is a BadRequest', async () => {
    const asha = await console_('asha');
    const ws = await workstation();
    const [one, two] = [await ring(), await ring()];
    const requestKey = randomUUID();
    assert.equal((await asha.request('alert.acknowledge', { alertId: one, requestKey })).ok, true);
    const other = await asha.request('alert.acknowledge', { alertId: two, requestKey });
    assert.equal(other.error?.code, 'BadRequest');
    const delivered = await ws.request('sync.deliver', { requestKey, username: 'asha', at: Date.now(), action: { method: 'alert.acknowledge', params: { alertId: two } } });
    assert.equal(delivered.error?.code, 'BadRequest');
    const rao = await console_('rao', 'supervisor');
    assert.equal((await rao.request('alert.close', { alertId: one, outcome: 'test', requestKey })).error?.code, 'BadRequest');
    assert.equal(suite.stored.alerts.get(two)?.acknowledgedBy, undefined, 'nothing applied to the other alert');
    assert.equal(suite.stored.alerts.get(one)?.state, 'ringing');
  });
});
