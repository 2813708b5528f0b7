// The shell's entry (main/app/electron-main/main.ts) bundled as build.ts bundles it, with
// `electron` replaced by a fake: proves the entry wires every handler the unit tests check
// one by one, and opens a window per display, without an Electron binary.
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { FakeScreen, FakeWindow } from './fake-electron.js';
import { display } from './fake-electron.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const engine = 'http://127.0.0.1:8080';

interface Fake {
  state: {
    windows: FakeWindow[];
    privileged: Array<{ scheme: string }>;
    handled: Map<string, (request: { url: string }) => Response>;
    handlers: Map<string, unknown>;
    ipc: Map<string, (event: unknown) => void>;
    errors: string[];
    userData: string;
    sandboxEnabled: boolean;
  };
  app: NodeJS.EventEmitter;
  screen: FakeScreen;
}

describe('shell entry wired against a fake electron', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-main-wiring-'));
  const saved = { argv: process.argv, token: process.env.JHAROKHA_TOKEN };
  let fake: Fake;

  before(async () => {
    const outfile = path.join(dir, 'main.cjs');
    await build({
      entryPoints: [path.join(root, 'main/app/electron-main/main.ts')],
      outfile,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      alias: { electron: path.join(here, 'fake-electron-module.ts') },
      logLevel: 'error',
    });
    process.argv = ['/usr/bin/electron', outfile, `--engine-url=${engine}/console`];
    process.env.JHAROKHA_TOKEN = 'site-token';
    // The fake module runs first inside the bundle; userData is set before whenReady's callback runs.
    const load = createRequire(import.meta.url);
    load(outfile);
    fake = (globalThis as unknown as { __fakeElectron: Fake }).__fakeElectron;
    fake.state.userData = path.join(dir, 'userData');
    for (let i = 0; i < 100 && fake.state.windows.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  });

  after(() => {
    process.argv = saved.argv;
    if (saved.token === undefined) delete process.env.JHAROKHA_TOKEN;
    else process.env.JHAROKHA_TOKEN = saved.token;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts without errors, sandboxes every renderer and keeps the token out of its environment', () => {
    assert.deepEqual(fake.state.errors, []);
    assert.equal(fake.state.sandboxEnabled, true);
    assert.equal(process.env.JHAROKHA_TOKEN, undefined);
  });

  it('registers the jharokha:// scheme, the permission and device handlers, the CSP filter and one IPC channel', () => {
    assert.deepEqual(fake.state.privileged.map((s) => s.scheme), ['jharokha']);
    assert.ok(fake.state.handled.has('jharokha'));
    for (const name of ['setPermissionRequestHandler', 'setPermissionCheckHandler', 'setDevicePermissionHandler', 'onHeadersReceived']) {
      assert.ok(fake.state.handlers.has(name), name);
    }
    assert.deepEqual([...fake.state.ipc.keys()], ['jharokha:window-config']);
  });

  it('opens a locked-down window per display and writes the default mapping to userData', () => {
    const [first, second] = fake.state.windows;
    assert.equal(fake.state.windows.length, 2);
    assert.equal(first!.loaded[0], `${engine}/console`, 'no token in the address: the preload hands it over');
    assert.equal(second!.loaded[0], `${engine}/console`);
    assert.equal(first!.options.webPreferences?.sandbox, true);
    assert.match(String(first!.options.webPreferences?.preload), /preload\.cjs$/);
    assert.deepEqual(first!.webContents.openHandler!({ url: `${engine}/console` }), { action: 'deny' });
    assert.ok(fs.existsSync(path.join(fake.state.userData, 'displays.json')));
  });

  it('answers a window\'s preload with its config, and follows a display being added', () => {
    const window = fake.state.windows[0]!;
    const mainFrame = { url: `${engine}/console`, parent: null };
    const event: { returnValue?: unknown } & Record<string, unknown> = { sender: { id: window.webContents.id, mainFrame }, senderFrame: mainFrame };
    fake.state.ipc.get('jharokha:window-config')!(event);
    assert.deepEqual(event.returnValue, { engineUrl: engine, token: 'site-token', displayId: '1', role: 'console' });
    fake.screen.add(display(3, 3840));
    assert.equal(fake.state.windows.length, 3);
  });

  it('closes the display windows when the app quits', () => {
    fake.app.emit('before-quit', { preventDefault: () => assert.fail('no engine process to wait for') });
    assert.equal(fake.state.windows.every((w) => w.destroyed), true);
  });
});
