// The shell's entry (main/app/electron-main/main.ts) bundled as build.ts bundles it, with
// `electron` replaced by a fake: proves the entry wires every handler the unit tests check
// one by one, and opens a window per display, without an Electron binary.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startMainEntry } from './main-entry.js';
import type { FakeScreen, FakeWindow } from './fake-electron.js';
import { display } from './fake-electron.js';

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
  let fake: Fake;
  let restore: (() => void) | undefined;

  before(async () => {
    ({ fake, restore } = await startMainEntry<Fake>([`--engine-url=${engine}/console`], (f) => f.state.windows.length > 0, 100));
  });

  after(() => restore?.());

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
