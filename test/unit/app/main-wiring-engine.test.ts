// The shell's entry bundled against the fake electron, running its own engine (no --engine-url):
// proves main.ts seals the engine key with safeStorage in the data dir and hands it to the
// engine's utility process as a message, never in its env or args, and forks it again when it crashes.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startMainEntry } from './main-entry.js';
import type { FakeSafeStorage, FakeWindow } from './fake-electron.js';
import type { FakeUtilityChild } from './fake-electron-module.js';


interface Fake {
  state: { windows: FakeWindow[]; errors: string[]; userData: string; forks: FakeUtilityChild[] };
  app: EventEmitter;
  safeStorage: FakeSafeStorage;
}

describe('shell entry with its own engine, against a fake electron', () => {
  let fake: Fake;
  let restore: (() => void) | undefined;

  before(async () => {
    ({ fake, restore } = await startMainEntry<Fake>(['--engine-port=8090', '--no-demo'], (f) => f.state.windows.length > 0 || f.state.errors.length > 0, 200));
  });

  after(() => restore?.());

  it('seals a new key in the engine data dir and posts it to the engine as its first message', () => {
    assert.deepEqual(fake.state.errors, []);
    assert.equal(fake.state.forks.length, 1);
    const child = fake.state.forks[0]!;
    const first = child.posted[0] as { type: string; key: string };
    assert.equal(first.type, 'key');
    const dataDir = path.join(fake.state.userData, 'engine');
    assert.ok(child.args.includes(`--data-dir=${dataDir}`));
    const sealed = fs.readFileSync(path.join(dataDir, 'secret.key.sealed'));
    assert.equal(fake.safeStorage.decryptString(sealed), first.key);
    assert.equal(fs.existsSync(path.join(dataDir, 'secret.key')), false);

    const visible = JSON.stringify({ args: child.args, env: child.options.env });
    assert.equal(visible.includes(first.key), false, 'the key is in neither env nor argv');
  });

  it('opens the windows on the engine it started, without the token in the address', () => {
    assert.equal(fake.state.windows.length, 2);
    assert.equal(fake.state.windows[0]!.loaded[0], 'http://127.0.0.1:8090/console');
  });

  it('a crashed engine is forked again with the same key and token; the windows stay and follow it', async () => {
    const [first] = fake.state.forks;
    const loads = fake.state.windows.map((w) => w.loaded.length);
    first!.emit('exit', 139);
    for (let i = 0; i < 300 && fake.state.forks.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(fake.state.forks.length, 2, 'forked again (after the 1 s backoff)');
    const second = fake.state.forks[1]!;
    assert.deepEqual(second.posted[0], first!.posted[0], 'the same sealing key, as the first message');
    assert.deepEqual(second.args, first!.args);
    assert.equal(second.options.env.JHAROKHA_TOKEN, first!.options.env.JHAROKHA_TOKEN);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(fake.state.windows.length, 2);
    assert.deepEqual(fake.state.windows.map((w) => w.loaded.length), loads, 'same address and token: the pages reconnect as they are');
  });

  it('on quit, waits for the engine to stop', async () => {
    let prevented = false;
    const quit = new Promise((resolve) => fake.app.once('quit', resolve));
    fake.app.emit('before-quit', { preventDefault: () => (prevented = true) });
    assert.equal(prevented, true);
    await quit;
    assert.deepEqual(fake.state.forks.at(-1)!.posted.slice(1), [{ type: 'stop' }]);
  });
});
