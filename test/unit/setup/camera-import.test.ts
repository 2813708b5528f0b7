import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importCamerasCommand } from '../../../main/engine/node/cli-import.js';
import { badRowKinds, generateCityInventory } from '../../../main/engine/node/demo/city-inventory.js';
import { CameraImportInputError, importCameraInventory, parseCameraInventory } from '../../../main/engine/node/setup/camera-import.js';
import { AuditLog } from '../../../main/engine/node/store/audit-log.js';
import { CameraRepo } from '../../../main/engine/node/store/camera-repo.js';
import { openDatabase, type Db } from '../../../main/engine/node/store/database.js';
import { KeyFileSource, SecretBox } from '../../../main/engine/node/store/secret-box.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-import-'));
let dirs = 0;

async function store(): Promise<{ dir: string; db: Db; cameras: CameraRepo; audit: AuditLog }> {
  const dir = path.join(root, `d${++dirs}`);
  const db = openDatabase(path.join(dir, 'engine.sqlite'));
  return { dir, db, cameras: CameraRepo.open(db, await SecretBox.create(KeyFileSource.inDataDir(dir))), audit: new AuditLog(db) };
}

const HEADER = 'id,name,place,category,lat,lon,main_url,sub_url,username,password,onvif_url,transport';
const row = (id: string, extra: Partial<Record<'name' | 'lat' | 'password', string>> = {}): string =>
  [id, extra.name ?? `Cam ${id}`, 'Parade', 'market', extra.lat ?? '26.47', '80.34', `rtsp://10.0.0.9/${id}`, '', 'admin', extra.password ?? 'pw', '', 'tcp'].join(',');

const inputError = (tooLarge: boolean, pattern: RegExp) => (e: unknown) =>
  e instanceof CameraImportInputError && e.tooLarge === tooLarge && pattern.test(e.message);

describe('camera inventory import', () => {
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  describe('a 5,000-camera city with 50 bad rows', () => {
    const city = generateCityInventory({ count: 5000, bad: 50 });
    let s: Awaited<ReturnType<typeof store>>;
    before(async () => {
      s = await store();
    });
    after(() => s.db.close());

    it('a dry run reports what would happen and writes nothing', () => {
      const report = importCameraInventory(s.cameras, city.csv, { dryRun: true, audit: { log: s.audit, actor: 'installer:asha' } });
      assert.deepEqual({ ...report, errors: report.errors.length }, { dryRun: true, rows: 5000, inserted: 4950, updated: 0, unchanged: 0, errors: 50 });
      assert.equal(s.cameras.count(), 0);
      assert.equal(s.audit.list({ limit: 5 }).length, 0);
    });

    it('reports every bad row with its line, id and reason, and imports the 4,950 others', () => {
      const report = importCameraInventory(s.cameras, Buffer.from(city.csv), { audit: { log: s.audit, actor: 'installer:asha' } });
      assert.deepEqual([report.inserted, report.updated, report.unchanged], [4950, 0, 0]);
      assert.deepEqual(report.errors.map((e) => e.line), city.badLines);
      assert.deepEqual(report.errors.map((e) => e.id), city.bad.map((b) => b.id));
      assert.equal(new Set(city.bad.map((b) => b.kind)).size, badRowKinds.length, 'every kind of bad row is exercised');
      const reasonFor = (kind: string): string => report.errors[city.bad.findIndex((b) => b.kind === kind)]!.reason;
      assert.match(reasonFor('bad_category'), /category "temple" is not one of/);
      assert.match(reasonFor('lat_out_of_range'), /lat 126\.45 is out of range/);
      assert.match(reasonFor('not_rtsp_url'), /main_url: must be an rtsp:\/\/ URL/);
      assert.match(reasonFor('duplicate_id'), /duplicate id: line \d+ has the same camera/);
      assert.match(reasonFor('missing_name'), /missing name/);
      assert.match(reasonFor('wrong_field_count'), /has 7 fields where the header has 13/);
      assert.match(reasonFor('url_credentials_conflict'), /main_url and the password column give different passwords/);
      assert.equal(JSON.stringify(report).includes('admin123'), false, 'a password in a URL is never echoed');
      assert.equal(s.cameras.count(), 4950);
      assert.deepEqual(
        s.cameras.search({ text: '', limit: 5000 }).cameras.map((c) => c.id).sort(),
        [...city.goodIds].sort(),
      );
      const [entry] = s.audit.list({ limit: 5 });
      assert.deepEqual(
        { actor: entry!.actor, action: entry!.action, target: entry!.target, detail: entry!.detail },
        { actor: 'installer:asha', action: 'setup.importCameras', target: 'cameras', detail: { inserted: 4950, updated: 0, unchanged: 0, errors: 50 } },
      );
    });

    it('importing the same file again changes nothing, not even updated_at', () => {
      const stamps = (): unknown[] => s.db.prepare('SELECT id, updated_at, credentials FROM cameras ORDER BY id').all();
      const before = stamps();
      const report = importCameraInventory(s.cameras, city.csv);
      assert.deepEqual([report.inserted, report.updated, report.unchanged, report.errors.length], [0, 0, 4950, 50]);
      assert.deepEqual(stamps(), before);
    });

    it('a changed row is updated and only that row', () => {
      const id = city.goodIds.find((g) => g.startsWith('atm-'))!;
      const changed = city.csv.replace(new RegExp(`^${id},([^,]*),`, 'm'), `${id},Renamed camera,`);
      const report = importCameraInventory(s.cameras, changed);
      assert.deepEqual([report.inserted, report.updated, report.unchanged], [0, 1, 4949]);
      assert.equal(s.cameras.get(id)?.name, 'Renamed camera');
    });
  });

  it('reads a BOM, CRLF, quoted commas and quotes, and a password only a sealed column keeps', async () => {
    const s = await store();
    const csv = `\uFEFF${HEADER}\r\n${row('market-a', { name: '"Hotel ""Raj"", Parade"', password: '"p,w ""x"""' })}\r\n`;
    const report = importCameraInventory(s.cameras, Buffer.from(csv, 'utf8'));
    assert.deepEqual(report.errors, []);
    assert.equal(s.cameras.get('market-a')?.name, 'Hotel "Raj", Parade');
    assert.equal(s.cameras.endpoint('market-a', 'main').password, 'p,w "x"');
    s.db.close();
  });

  it('takes the columns in any order, with the optional ones left out, and counts line numbers across multi-line fields', async () => {
    const s = await store();
    const csv = ['main_url,lat,lon,category,name,id', 'rtsp://10.0.0.1/a,26.4,80.3,ATM,"SBI ATM', 'Parade",atm-a', 'rtsp://10.0.0.1/b,26.4,80.3,petrol pump,,pump-b', ''].join('\n');
    const report = importCameraInventory(s.cameras, csv);
    assert.equal(report.inserted, 1);
    assert.deepEqual(report.errors, [{ line: 4, id: 'pump-b', reason: 'missing name' }]);
    assert.equal(s.cameras.get('atm-a')?.category, 'atm');
    s.db.close();
  });

  it('refuses a file it cannot use as a whole, with a reason', () => {
    assert.throws(() => parseCameraInventory(''), inputError(false, /empty: it needs a header row/));
    assert.throws(() => parseCameraInventory(`${HEADER},colour\n`), inputError(false, /unknown column "colour"; the columns are id,name/));
    assert.throws(() => parseCameraInventory('id,name,category,lat,lon\n'), inputError(false, /the header lacks main_url/));
    assert.throws(() => parseCameraInventory('id,name,id\n'), inputError(false, /column "id" appears twice/));
    assert.throws(() => parseCameraInventory(`${HEADER}\n${row('a')}\n"oops,\n`), inputError(false, /line 3: quoted field is never closed/));
    assert.throws(() => parseCameraInventory(Buffer.from([0x69, 0x64, 0xff, 0x0a])), inputError(false, /not UTF-8/));
  });

  it('limits the size and the number of rows', () => {
    const three = `${HEADER}\n${row('a')}\n${row('b')}\n${row('c')}\n`;
    assert.throws(() => parseCameraInventory(three, { maxBytes: 100, maxRows: 10 }), inputError(true, /is \d+ bytes; the import takes at most 100 bytes/));
    assert.throws(() => parseCameraInventory(three, { maxBytes: 1e6, maxRows: 2 }), inputError(true, /more than 2 rows/));
    assert.equal(parseCameraInventory(three, { maxBytes: 1e6, maxRows: 3 }).records.length, 3);
  });

  it('jharokha import-cameras prints every bad row and exits 0, 1 or 2', async () => {
    const dir = path.join(root, 'cli');
    fs.mkdirSync(dir);
    const good = path.join(dir, 'good.csv');
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(good, `${HEADER}\n${row('a')}\n`);
    fs.writeFileSync(bad, `${HEADER}\n${row('b')}\n${row('c', { lat: '91' })}\n${row('d', { name: '' })}\n`);
    const run = async (...argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await importCamerasCommand(argv, path.join(dir, 'data'), { out: (t) => out.push(t), err: (t) => err.push(t) });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const dry = await run(good, '--dry-run');
    assert.equal(dry.code, 0);
    assert.match(dry.out, /1 rows: 1 new, 0 changed, 0 unchanged, 0 bad \(dry run: nothing written\)/);
    assert.equal((await run(good)).code, 0);
    assert.match((await run(good)).out, /0 new, 0 changed, 1 unchanged/);
    const partly = await run(bad);
    assert.equal(partly.code, 1);
    assert.match(partly.out, /line 3 \(c\): lat 91 is out of range/);
    assert.match(partly.out, /line 4 \(d\): missing name/);
    assert.equal((await run(path.join(dir, 'missing.csv'))).code, 2);
    fs.writeFileSync(bad, 'colour\nred\n');
    const unusable = await run(bad);
    assert.equal(unusable.code, 2);
    assert.match(unusable.err, /unknown column "colour"/);
    const json = await run(good, '--json', '--dry-run');
    assert.equal(JSON.parse(json.out).unchanged, 1);
  });
});
