import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { CameraRepo } from '../../../main/engine/node/store/camera-repo.js';
import { openDatabase } from '../../../main/engine/node/store/database.js';
import { KeyFileSource, SecretBox, StaticKeySource } from '../../../main/engine/node/store/secret-box.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-secrets-'));
let dirs = 0;
const freshDir = (): string => fs.mkdtempSync(path.join(root, `d${++dirs}-`));
const box = (key = randomBytes(32)) => SecretBox.create(new StaticKeySource(key));

const camera = {
  id: 'atm-sbi-swaroop-nagar-3',
  name: 'SBI ATM Swaroop Nagar 3',
  place: 'Swaroop Nagar',
  category: 'atm' as const,
  lat: 26.4862,
  lon: 80.3229,
  mainUrl: 'rtsp://10.20.1.3/Streaming/Channels/101',
  username: 'admin',
  password: 'Knp@7a1f,"plaintext-marker',
};

describe('secret box', () => {
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('seals to the versioned text format and opens only with the same key and context', async () => {
    const secrets = await box();
    const sealed = secrets.seal('hunter2', 'camera:a');
    assert.match(sealed, /^v1:[\w-]+:[\w-]+:[\w-]+:[\w-]+$/);
    assert.notEqual(secrets.seal('hunter2', 'camera:a'), sealed, 'a fresh IV every time');
    assert.equal(secrets.open(sealed, 'camera:a'), 'hunter2');
    assert.throws(() => secrets.open(sealed, 'camera:b'), /integrity check/);
    const [v, kid, iv, tag, ct] = sealed.split(':');
    const flipped = Buffer.from(ct!, 'base64url');
    flipped[0]! ^= 1;
    assert.throws(() => secrets.open([v, kid, iv, tag, flipped.toString('base64url')].join(':'), 'camera:a'), /integrity check/);
    await assert.rejects(async () => (await box()).open(sealed, 'camera:a'), /sealed with key .* restore the secret\.key/);
  });

  it('creates a missing key file with mode 0600 and reads the same key back', async () => {
    const source = KeyFileSource.inDataDir(path.join(freshDir(), 'new-data'));
    const first = await SecretBox.create(source);
    assert.equal(fs.statSync(source.file).mode & 0o777, 0o600);
    assert.equal(fs.statSync(source.file).size, 32);
    const second = await SecretBox.create(source);
    assert.equal(second.keyId, first.keyId);
    assert.equal(second.open(first.seal('x')), 'x');
  });

  it('refuses a key file that group or others can read, or of the wrong size', async (t) => {
    if (process.platform === 'win32') return t.skip('no POSIX modes on Windows');
    const dir = freshDir();
    const source = KeyFileSource.inDataDir(dir);
    fs.writeFileSync(source.file, randomBytes(32), { mode: 0o644 });
    fs.chmodSync(source.file, 0o644);
    await assert.rejects(SecretBox.create(source), (e: Error) => /readable by group or others \(mode 644\).*chmod 600/.test(e.message));
    fs.chmodSync(source.file, 0o640);
    await assert.rejects(SecretBox.create(source), /readable by group or others/);
    fs.writeFileSync(source.file, randomBytes(16));
    fs.chmodSync(source.file, 0o600);
    await assert.rejects(SecretBox.create(source), /holds 16 bytes, not a 32-byte key/);
  });

  it('stores camera credentials sealed: the file never holds the password, endpoint() opens it', async () => {
    const dir = freshDir();
    const file = path.join(dir, 'engine.sqlite');
    const secrets = await SecretBox.create(KeyFileSource.inDataDir(dir));
    const db = openDatabase(file);
    const repo = CameraRepo.open(db, secrets);
    repo.upsertMany([camera]);
    assert.deepEqual(repo.endpoint(camera.id, 'main'), { url: camera.mainUrl, transport: 'tcp', username: 'admin', password: camera.password });
    assert.equal(JSON.stringify(repo.search({ text: 'sbi', limit: 10 })).includes('Knp@'), false);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = fs.readFileSync(file);
    assert.equal(bytes.includes(Buffer.from('plaintext-marker')), false);
    assert.equal(bytes.includes(Buffer.from(camera.id)), true, 'the file is the one written');
  });

  it('fails clearly at open when the key file is not the one the credentials were sealed with', async () => {
    const dir = freshDir();
    const file = path.join(dir, 'engine.sqlite');
    const db = openDatabase(file);
    CameraRepo.open(db, await SecretBox.create(KeyFileSource.inDataDir(dir))).upsertMany([camera]);
    db.close();
    fs.writeFileSync(path.join(dir, 'secret.key'), randomBytes(32));
    const reopened = openDatabase(file);
    try {
      const wrong = await SecretBox.create(KeyFileSource.inDataDir(dir));
      assert.throws(() => CameraRepo.open(reopened, wrong), /camera credentials were sealed with key [\w-]+, but key file .*secret\.key is key/);
    } finally {
      reopened.close();
    }
  });

  it('seals the plaintext credentials an older schema stored, on open, and scrubs them from the file', async () => {
    const dir = freshDir();
    const file = path.join(dir, 'engine.sqlite');
    // Schema 3 as shipped: plaintext username and password columns.
    const { migrations } = await import('../../../main/engine/node/store/migrations.js');
    const Database = (await import('better-sqlite3')).default;
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    for (const sql of migrations.slice(0, 3)) old.exec(sql);
    old.pragma('user_version = 3');
    old.prepare(
      `INSERT INTO cameras (id, name, place, category, lat, lon, main_url, username, password, transport, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'tcp', 1)`,
    ).run(camera.id, camera.name, camera.place, camera.category, camera.lat, camera.lon, camera.mainUrl, camera.username, camera.password);
    old.close();
    assert.equal(fs.readFileSync(file).includes(Buffer.from('plaintext-marker')), true, 'precondition: plaintext on disk');

    const db = openDatabase(file);
    const repo = CameraRepo.open(db, await SecretBox.create(KeyFileSource.inDataDir(dir)));
    assert.equal(repo.endpoint(camera.id, 'main').password, camera.password);
    assert.deepEqual(db.prepare('SELECT username, password FROM cameras').get(), { username: null, password: null });
    assert.deepEqual(repo.search({ text: 'swaroop atm', limit: 5 }).cameras.map((c) => c.id), [camera.id]);
    db.close();
    for (const name of fs.readdirSync(dir)) {
      assert.equal(fs.readFileSync(path.join(dir, name)).includes(Buffer.from('plaintext-marker')), false, `${name} still holds the password`);
    }
  });
});
