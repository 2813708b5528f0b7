// The desktop app's sealing key (main/app/electron-main/engine-key.ts) against the fake
// safeStorage, with real files in a temp data dir.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it, type TestContext } from 'node:test';
import { loadEngineKey, PLAIN_KEY_FILE, SEALED_KEY_FILE } from '../../../main/app/electron-main/engine-key.js';
import { keySourceFor } from '../../../main/app/node/engine-host.js';
import { KeyFileSource } from '../../../main/engine/node/store/secret-box.js';
import { FakeSafeStorage } from './fake-electron.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-engine-key-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const freshDataDir = (): string => path.join(root, `user-${dirs++}`, 'engine');
const files = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);
const mode = (file: string): number => fs.statSync(file).mode & 0o777;
const posix = process.platform !== 'win32';

/** What the logger wrote (it writes warn and info lines through console.warn). */
function captureLog(t: TestContext): () => string {
  const warn = t.mock.method(console, 'warn', () => undefined);
  const error = t.mock.method(console, 'error', () => undefined);
  return () => [...warn.mock.calls, ...error.mock.calls].map((call) => call.arguments.join(' ')).join('\n');
}

async function keyBytes(dataDir: string, safeStorage: FakeSafeStorage, platform: NodeJS.Platform = 'linux'): Promise<Buffer> {
  const message = await loadEngineKey({ safeStorage, dataDir, platform });
  assert.equal(message.type, 'key');
  return Buffer.from(message.type === 'key' ? message.key : '', 'base64');
}

describe('engine key sealed by safeStorage', () => {
  it('a first start seals a fresh random key in secret.key.sealed (0600), and the next start unwraps the same key', async (t) => {
    const log = captureLog(t);
    const dataDir = freshDataDir();
    const safeStorage = new FakeSafeStorage();
    const first = await keyBytes(dataDir, safeStorage);
    assert.equal(first.length, 32);
    assert.deepEqual(files(dataDir), [SEALED_KEY_FILE], 'no plain key, no temp file left');
    const sealedFile = path.join(dataDir, SEALED_KEY_FILE);
    if (posix) assert.equal(mode(sealedFile), 0o600);
    const onDisk = fs.readFileSync(sealedFile);
    assert.equal(onDisk.includes(first), false, 'the raw key is not on disk');
    assert.equal(onDisk.includes(Buffer.from(first.toString('base64'))), false, 'nor its base64');
    assert.match(log(), /created .*secret\.key\.sealed/);

    const calls = safeStorage.calls.length;
    const second = await keyBytes(dataDir, safeStorage);
    assert.deepEqual(second, first);
    assert.deepEqual(safeStorage.calls.slice(calls), ['decryptString'], 'a later start only unwraps');
    assert.deepEqual(fs.readFileSync(sealedFile), onDisk);
    const other = await keyBytes(freshDataDir(), new FakeSafeStorage());
    assert.notDeepEqual(other, first, 'each data dir gets its own random key');
  });

  it('adopts a plain secret.key from a headless run: seals the same bytes, then removes the plain file', async (t) => {
    const log = captureLog(t);
    const dataDir = freshDataDir();
    fs.mkdirSync(dataDir, { recursive: true });
    const plain = randomBytes(32);
    fs.writeFileSync(path.join(dataDir, PLAIN_KEY_FILE), plain, { mode: 0o600 });
    const safeStorage = new FakeSafeStorage();

    assert.deepEqual(await keyBytes(dataDir, safeStorage), plain);
    assert.deepEqual(files(dataDir), [SEALED_KEY_FILE]);
    assert.match(log(), /adopted .*secret\.key.*removed the plain file/);
    assert.deepEqual(await keyBytes(dataDir, safeStorage), plain, 'and the next start unwraps it');
  });

  it('keeps the plain key when sealing fails, or when the plain key is readable by others', async (t) => {
    captureLog(t);
    const dataDir = freshDataDir();
    fs.mkdirSync(dataDir, { recursive: true });
    const plainFile = path.join(dataDir, PLAIN_KEY_FILE);
    const plain = randomBytes(32);
    fs.writeFileSync(plainFile, plain, { mode: 0o600 });
    const failing = new FakeSafeStorage();
    failing.failEncrypt = true;
    await assert.rejects(loadEngineKey({ safeStorage: failing, dataDir, platform: 'linux' }), /could not seal the engine key into .*secret\.key\.sealed/);
    assert.deepEqual(files(dataDir), [PLAIN_KEY_FILE]);
    assert.deepEqual(fs.readFileSync(plainFile), plain);

    if (posix) {
      fs.chmodSync(plainFile, 0o644);
      await assert.rejects(loadEngineKey({ safeStorage: new FakeSafeStorage(), dataDir, platform: 'linux' }), /readable by group or others/);
      assert.deepEqual(files(dataDir), [PLAIN_KEY_FILE]);
    }
  });

  it('falls back to the key file, with a warning saying why, when Linux has no keyring (basic_text) or encryption is unavailable', async (t) => {
    const log = captureLog(t);
    const basic = new FakeSafeStorage();
    basic.backend = 'basic_text';
    const dataDir = freshDataDir();
    assert.deepEqual(await loadEngineKey({ safeStorage: basic, dataDir, platform: 'linux' }), { type: 'key-file' });
    assert.deepEqual(basic.calls, [], 'nothing sealed with the hard-coded password');
    assert.deepEqual(files(dataDir), []);
    assert.match(log(), /basic_text.*protects nothing.*secret\.key \(mode 0600\)/);

    // The engine then keeps the headless key file, as `jharokha serve` does.
    const key = await keySourceFor({ type: 'key-file' }, dataDir).loadKey();
    assert.equal(key.length, 32);
    assert.deepEqual(files(dataDir), [PLAIN_KEY_FILE]);

    const unavailable = new FakeSafeStorage();
    unavailable.available = false;
    assert.deepEqual(await loadEngineKey({ safeStorage: unavailable, dataDir: freshDataDir(), platform: 'win32' }), { type: 'key-file' });
    assert.match(log(), /encryption is not available/);

    // basic_text is a Linux backend name only: elsewhere the OS store is what seals.
    assert.equal((await loadEngineKey({ safeStorage: basic, dataDir: freshDataDir(), platform: 'darwin' })).type, 'key');
  });

  it('a sealed file another keyring made fails with an error naming it, and no new key is written', async (t) => {
    captureLog(t);
    const dataDir = freshDataDir();
    const alice = new FakeSafeStorage();
    const key = await keyBytes(dataDir, alice);
    const sealedFile = path.join(dataDir, SEALED_KEY_FILE);
    const sealed = fs.readFileSync(sealedFile);

    const bob = new FakeSafeStorage();
    bob.keyring = 'bob';
    await assert.rejects(loadEngineKey({ safeStorage: bob, dataDir, platform: 'linux' }), (error: Error) => {
      assert.ok(error.message.includes(sealedFile), error.message);
      assert.match(error.message, /cannot be unwrapped by this OS user's keyring.*no new key was made/);
      return true;
    });
    assert.deepEqual(bob.calls, ['decryptString'], 'never sealed a replacement');
    assert.deepEqual(files(dataDir), [SEALED_KEY_FILE]);
    assert.deepEqual(fs.readFileSync(sealedFile), sealed);

    // Nor when the keyring is gone altogether, nor from a headless engine on the same data dir.
    for (const broken of [Object.assign(new FakeSafeStorage(), { available: false }), Object.assign(new FakeSafeStorage(), { backend: 'basic_text' })]) {
      await assert.rejects(loadEngineKey({ safeStorage: broken, dataDir, platform: 'linux' }), /secret\.key\.sealed holds the key .*no new key was made/);
    }
    await assert.rejects(KeyFileSource.inDataDir(dataDir).loadKey(), /secret\.key\.sealed holds this data dir's key/);
    assert.deepEqual(files(dataDir), [SEALED_KEY_FILE]);
    assert.deepEqual(await keyBytes(dataDir, alice), key, 'the right keyring still opens it');
  });

  it('refuses a sealed file that unwraps to something other than a 32-byte key', async (t) => {
    captureLog(t);
    const dataDir = freshDataDir();
    fs.mkdirSync(dataDir, { recursive: true });
    const safeStorage = new FakeSafeStorage();
    fs.writeFileSync(path.join(dataDir, SEALED_KEY_FILE), safeStorage.encryptString(randomBytes(31).toString('base64')), { mode: 0o600 });
    await assert.rejects(loadEngineKey({ safeStorage, dataDir, platform: 'linux' }), /not a 32-byte key; no new key was made/);
  });
});
