import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CameraRepo } from '../../../main/engine/node/store/camera-repo.js';
import { openDatabase } from '../../../main/engine/node/store/database.js';
import { SecretBox, StaticKeySource } from '../../../main/engine/node/store/secret-box.js';

const record = (id: string, name: string) => ({
  id,
  name,
  place: 'Bada Chauraha',
  category: 'market' as const,
  lat: 26.46,
  lon: 80.35,
  mainUrl: 'rtsp://10.0.0.5/stream1',
});

describe('camera store', () => {
  it('migrates a new file to the current schema with WAL and synchronous=FULL', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-store-'));
    const db = openDatabase(path.join(dir, 'engine.sqlite'));
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('synchronous', { simple: true }), 2);
    assert.ok((db.pragma('user_version', { simple: true }) as number) >= 1);
    db.close();
    fs.rmSync(dir, { recursive: true });
  });

  it('upserts idempotently and rejects an invalid record without writing any of the batch', () => {
    const repo = new CameraRepo(openDatabase(':memory:'));
    repo.upsertMany([record('market-a', 'A'), record('market-b', 'B')]);
    repo.upsertMany([record('market-a', 'A'), record('market-b', 'B')]);
    assert.equal(repo.count(), 2);
    assert.throws(() => repo.upsertMany([record('market-c', 'C'), { ...record('market-d', 'D'), mainUrl: 'http://x' }]));
    assert.equal(repo.count(), 2);
  });

  it('treats LIKE wildcards in search text literally', () => {
    const repo = new CameraRepo(openDatabase(':memory:'));
    repo.upsertMany([record('market-a', '100% gate'), record('market-b', 'North gate')]);
    assert.deepEqual(repo.search({ text: '%', limit: 10 }).cameras.map((c) => c.id), ['market-a']);
    assert.equal(repo.search({ text: '_', limit: 10 }).total, 0);
  });

  it('hands out a stream endpoint with credentials only inside the engine', async () => {
    const repo = CameraRepo.open(openDatabase(':memory:'), await SecretBox.create(new StaticKeySource(Buffer.alloc(32, 7))));
    repo.upsertMany([{ ...record('market-a', 'A'), username: 'u', password: 'p' }]);
    assert.deepEqual(repo.endpoint('market-a', 'main'), { url: 'rtsp://10.0.0.5/stream1', transport: 'tcp', username: 'u', password: 'p' });
    assert.throws(() => repo.endpoint('market-a', 'sub'), /no sub stream/);
    assert.equal(JSON.stringify(repo.get('market-a')).includes('rtsp'), false);
  });
});
