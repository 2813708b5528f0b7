import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { assignDisplays, DisplayConfig } from '../../../main/app/common/display-config.js';
import { parseShellArgs } from '../../../main/app/electron-main/shell-args.js';
import { readDisplayConfig } from '../../../main/app/node/display-config-file.js';
import { mediasoupWorkerBin } from '../../../main/app/node/worker-bin.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-app-config-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('display mapping config', () => {
  it('a missing file is created with the default, owner-only, and the default maps primary to console', () => {
    const file = path.join(dir, 'fresh', 'displays.json');
    const { config, problem } = readDisplayConfig(file);
    assert.equal(problem, undefined);
    assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), { version: 1, displays: {} });
    assert.equal(fs.statSync(file).mode & 0o077, 0);
    const roles = assignDisplays([{ id: 10 }, { id: 11 }, { id: 12 }], 11, config);
    assert.deepEqual([...roles.entries()], [
      [10, { role: 'workstation' }],
      [11, { role: 'console' }],
      [12, { role: 'workstation' }],
    ]);
  });

  it('a valid file maps Electron display ids to wall displays; unlisted displays keep the default', () => {
    const file = path.join(dir, 'walls.json');
    const written = { version: 1, displays: { '21': { role: 'wall', wallId: 'main', displayId: '1' }, '22': { role: 'wall', wallId: 'main', displayId: '2' } } };
    fs.writeFileSync(file, JSON.stringify(written));
    const { config, problem } = readDisplayConfig(file);
    assert.equal(problem, undefined);
    const roles = assignDisplays([{ id: 20 }, { id: 21 }, { id: 22 }], 20, config);
    assert.deepEqual(roles.get(20), { role: 'console' });
    assert.deepEqual(roles.get(22), { role: 'wall', wallId: 'main', displayId: '2' });
  });

  it('a file written before desk walls still reads, and means what it did', () => {
    const file = path.join(dir, 'before-desk-walls.json');
    const written = {
      version: 1,
      displays: {
        '1': { role: 'console' },
        '2': { role: 'workstation' },
        '3': { role: 'wall', wallId: 'main', displayId: '4' },
        '4': { role: 'callbox', boxId: 'box-7', key: 'k' },
        '5': { role: 'off' },
      },
    };
    fs.writeFileSync(file, JSON.stringify(written, null, 2));
    const { config, problem } = readDisplayConfig(file);
    assert.equal(problem, undefined);
    assert.deepEqual(config, written);
    const roles = assignDisplays([1, 2, 3, 4, 5, 6].map((id) => ({ id, bounds: { x: id * 1920, y: 0, width: 1920, height: 1080 } })), 1, config);
    assert.deepEqual(roles.get(2), { role: 'workstation' });
    assert.deepEqual(roles.get(6), { role: 'workstation' }, 'no desk wall: an unlisted monitor is another console');
  });

  it('a desk wall and pinned monitor numbers read back; a bad desk wall id, number or a number pinned twice is refused', () => {
    const file = path.join(dir, 'desk.json');
    const written = { version: 1, deskWall: 'desk-01', displays: { '31': { role: 'workstation', displayId: '2' } } };
    fs.writeFileSync(file, JSON.stringify(written));
    const { config, problem } = readDisplayConfig(file);
    assert.equal(problem, undefined);
    assert.deepEqual(config, written);

    const refused = {
      'Desk 1': { version: 1, deskWall: 'Desk 1', displays: {} },
      'number 0': { version: 1, deskWall: 'desk-01', displays: { '1': { role: 'workstation', displayId: '0' } } },
      'a JSON number': { version: 1, deskWall: 'desk-01', displays: { '1': { role: 'workstation', displayId: 2 } } },
      'a number on a console': { version: 1, deskWall: 'desk-01', displays: { '1': { role: 'console', displayId: '1' } } },
      'pinned twice': { version: 1, deskWall: 'desk-01', displays: { '1': { role: 'workstation', displayId: '2' }, '2': { role: 'workstation', displayId: '2' } } },
    };
    for (const [why, json] of Object.entries(refused)) assert.equal(DisplayConfig.safeParse(json).success, false, why);
    const twice = DisplayConfig.safeParse(refused['pinned twice']);
    assert.match(twice.error?.issues[0]?.message ?? '', /desk monitor 2 is also pinned on display 1/);
  });

  it('an invalid file is reported, left untouched, and the default used', () => {
    const cases = {
      'not-json.json': '{ version: 1',
      'bad-role.json': JSON.stringify({ version: 1, displays: { '1': { role: 'admin' } } }),
      'bad-id.json': JSON.stringify({ version: 1, displays: { primary: { role: 'console' } } }),
      'bad-wall.json': JSON.stringify({ version: 1, displays: { '1': { role: 'wall', wallId: 'Main Wall', displayId: '1' } } }),
      'extra-key.json': JSON.stringify({ version: 1, displays: {}, theme: 'dark' }),
    };
    for (const [name, text] of Object.entries(cases)) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      const { config, problem } = readDisplayConfig(file);
      assert.ok(problem, name);
      assert.deepEqual(config, { version: 1, displays: {} }, name);
      assert.equal(fs.readFileSync(file, 'utf8'), text, `${name} is left for the installer to fix`);
    }
    assert.equal(DisplayConfig.safeParse({ version: 2, displays: {} }).success, false);
  });
});

describe('shell command line', () => {
  it('an --engine-url with the token in the environment means an engine already running', () => {
    const argv = ['/electron', '/app/main.cjs', '--no-sandbox-is-not-ours', '--engine-url=http://127.0.0.1:8080/console?x=1'];
    assert.deepEqual(parseShellArgs(argv, { JHAROKHA_TOKEN: 'tok' }), {
      kind: 'external',
      address: { url: 'http://127.0.0.1:8080', token: 'tok' },
    });
    assert.throws(() => parseShellArgs(argv, {}), /JHAROKHA_TOKEN/);
    assert.throws(() => parseShellArgs(['--engine-url=file:///x'], { JHAROKHA_TOKEN: 't' }), /http/);
  });

  it('otherwise the engine runs in a utility process: port 8080, demo on unless --no-demo', () => {
    assert.deepEqual(parseShellArgs(['/electron', '/app/main.cjs'], {}), { kind: 'utility', host: '127.0.0.1', port: 8080, demo: true, token: undefined });
    assert.deepEqual(parseShellArgs(['--engine-port=9000', '--engine-host=0.0.0.0', '--no-demo'], { JHAROKHA_TOKEN: 'fixed' }), {
      kind: 'utility',
      host: '0.0.0.0',
      port: 9000,
      demo: false,
      token: 'fixed',
    });
    assert.throws(() => parseShellArgs(['--engine-port=http'], {}), /engine-port/);
  });
});

describe('mediasoup worker for the engine process', () => {
  const place = { env: {}, platform: 'linux' as const, isPackaged: false, resourcesPath: '/opt/Jharokha/resources', appRoot: '/src', exists: () => true };
  it('an explicit MEDIASOUP_WORKER_BIN wins', () => {
    assert.equal(mediasoupWorkerBin({ ...place, env: { MEDIASOUP_WORKER_BIN: '/w' } }), '/w');
  });
  it('a packaged app runs the copy unpacked from the asar', () => {
    assert.equal(mediasoupWorkerBin({ ...place, isPackaged: true }), '/opt/Jharokha/resources/app.asar.unpacked/dist/app/bin/mediasoup-worker');
    assert.match(mediasoupWorkerBin({ ...place, isPackaged: true, platform: 'win32' })!, /mediasoup-worker\.exe$/);
  });
  it('a checkout runs the staged copy, or leaves the engine to find the cached build', () => {
    assert.equal(mediasoupWorkerBin(place), '/src/dist/app/bin/mediasoup-worker');
    assert.equal(mediasoupWorkerBin({ ...place, exists: () => false }), undefined);
  });
});
