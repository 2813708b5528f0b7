import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { JharokhaError, type ErrorCode } from '../../../common/errors.js';
import { demoBoxes, demoBoxKey, loadDemoSecret } from '../../../main/engine/node/demo/demo-boxes.js';
import { BoxRepo } from '../../../main/engine/node/store/box-repo.js';
import { openDatabase } from '../../../main/engine/node/store/database.js';
import { migrations } from '../../../main/engine/node/store/migrations.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-boxes-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
let files = 0;
const openRepo = () => {
  const db = openDatabase(path.join(dir, `engine-${++files}.sqlite`));
  return { db, boxes: new BoxRepo(db) };
};

const box = { id: 'box-ghantaghar', name: 'Ghantaghar Square', place: 'Ghantaghar', lat: 26.4596, lon: 80.3492, cameraId: 'box-ghantaghar-cam' };
/** A fresh store that already holds `box`. */
const openRepoWithBox = () => {
  const repo = openRepo();
  repo.boxes.upsert(box);
  return repo;
};
const fails = (code: ErrorCode) => (error: unknown) => error instanceof JharokhaError && error.code === code;

describe('call box store', () => {
  it('migrates to the current schema version', () => {
    const { db } = openRepo();
    assert.equal(db.pragma('user_version', { simple: true }), migrations.length);
    db.close();
  });

  it('upserts a validated box and rejects bad input with BadRequest', () => {
    const { db, boxes } = openRepo();
    boxes.upsert(box);
    boxes.upsert({ ...box, name: 'Ghantaghar Chauraha' });
    assert.equal(boxes.count(), 1);
    assert.deepEqual(boxes.get(box.id), { ...box, name: 'Ghantaghar Chauraha', hasKey: false });
    assert.throws(() => boxes.upsert({ ...box, id: 'Box With Spaces' }), fails('BadRequest'));
    assert.throws(() => boxes.upsert({ ...box, lat: 123 }), fails('BadRequest'));
    assert.equal(boxes.count(), 1);
    assert.equal(boxes.get('box-nowhere'), undefined);
    db.close();
  });

  it('issues a random key once, stores only its hash, and keeps it across an upsert', () => {
    const { db, boxes } = openRepoWithBox();
    const key = boxes.issueKey(box.id);
    assert.match(key, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(boxes.issueKey(box.id), key, 'every key is fresh');
    const latest = boxes.issueKey(box.id);
    const stored = db.prepare('SELECT key_hash FROM call_boxes WHERE id = ?').get(box.id) as { key_hash: string };
    assert.match(stored.key_hash, /^[0-9a-f]{64}$/);
    assert.ok(!JSON.stringify(db.prepare('SELECT * FROM call_boxes').all()).includes(latest));
    boxes.upsert({ ...box, place: 'Ghantaghar, near Kanpur Central' });
    assert.equal(boxes.verifyKey(box.id, latest), true);
    assert.equal(boxes.get(box.id)?.hasKey, true);
    db.close();
  });

  it('verifies a key: true for the right one, false for a wrong, unknown, missing or revoked one', () => {
    const { db, boxes } = openRepoWithBox();
    boxes.upsert({ ...box, id: 'box-gaushala', cameraId: undefined });
    assert.equal(boxes.verifyKey('box-gaushala', 'x'.repeat(43)), false, 'no key yet');
    const key = boxes.issueKey(box.id);
    assert.equal(boxes.verifyKey(box.id, key), true);
    assert.equal(boxes.verifyKey(box.id, 'A'.repeat(43)), false);
    assert.equal(boxes.verifyKey(box.id, ''), false);
    assert.equal(boxes.verifyKey('box-nowhere', key), false);
    boxes.revoke(box.id);
    assert.equal(boxes.verifyKey(box.id, key), false);
    assert.equal(typeof boxes.get(box.id)?.revokedAt, 'number');
    // A new key re-enrols the box.
    const fresh = boxes.issueKey(box.id);
    assert.equal(boxes.verifyKey(box.id, fresh), true);
    assert.equal(boxes.get(box.id)?.revokedAt, undefined);
    db.close();
  });

  it('refuses a key for an unknown box or one too short to be a real key', () => {
    const { db, boxes } = openRepoWithBox();
    assert.throws(() => boxes.setKey('box-nowhere', 'k'.repeat(43)), fails('NotFound'));
    assert.throws(() => boxes.revoke('box-nowhere'), fails('NotFound'));
    assert.throws(() => boxes.setKey(box.id, 'short'), fails('BadRequest'));
    db.close();
  });

  it('lists boxes by name, revoked ones included', () => {
    const { db, boxes } = openRepo();
    boxes.upsert({ ...box, id: 'box-b', name: 'Bagiya Crossing' });
    boxes.upsert({ ...box, id: 'box-a', name: 'Ashok Nagar' });
    boxes.revoke('box-b');
    assert.deepEqual(boxes.list().map((b) => b.id), ['box-a', 'box-b']);
    db.close();
  });
});

describe('demo call boxes', () => {
  it('are about thirty valid boxes in Kanpur, each with its own box-<slug>-cam camera', () => {
    const { db, boxes } = openRepo();
    assert.ok(demoBoxes.length >= 28 && demoBoxes.length <= 35);
    for (const b of demoBoxes) {
      boxes.upsert(b);
      assert.equal(b.cameraId, `${b.id}-cam`);
      assert.ok(b.lat > 26.38 && b.lat < 26.53 && b.lon > 80.2 && b.lon < 80.42, `${b.id} is in Kanpur`);
    }
    assert.equal(boxes.count(), demoBoxes.length, 'ids are unique');
    assert.ok(demoBoxes.some((b) => b.id === 'box-ghantaghar' && b.name === 'Ghantaghar Square'));
    db.close();
  });

  it('derive stable per-box keys from a 0600 per-installation secret that survives a restart', () => {
    const dataDir = path.join(dir, 'data');
    const secret = loadDemoSecret(dataDir);
    assert.equal(secret.length, 32);
    assert.equal(fs.statSync(path.join(dataDir, 'demo-secret')).mode & 0o777, 0o600);
    assert.deepEqual(loadDemoSecret(dataDir), secret);
    const key = demoBoxKey(secret, 'box-ghantaghar');
    assert.equal(demoBoxKey(secret, 'box-ghantaghar'), key);
    assert.notEqual(demoBoxKey(secret, 'box-gaushala'), key);
    assert.notEqual(demoBoxKey(Buffer.alloc(32), 'box-ghantaghar'), key);

    const { db, boxes } = openRepo();
    boxes.upsert(demoBoxes[0]!);
    boxes.setKey(demoBoxes[0]!.id, demoBoxKey(secret, demoBoxes[0]!.id));
    assert.equal(boxes.verifyKey(demoBoxes[0]!.id, demoBoxKey(loadDemoSecret(dataDir), demoBoxes[0]!.id)), true);
    db.close();
  });
});
