import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { describe, it } from 'node:test';
import { EngineMessage, ShellMessage, type EngineKeyMessage } from '../../../main/app/common/engine-messages.js';
import { EngineProcess, type ForkOptions } from '../../../main/app/electron-main/engine-process.js';
import { hostEngine, keySourceFor, type HostDeps, type HostedEngine } from '../../../main/app/node/engine-host.js';
import { KeyFileSource } from '../../../main/engine/node/store/secret-box.js';
import { engineOptions, FakeChild, KEY } from './fake-utility-child.js';

function fork(script: (child: FakeChild) => void) {
  const forks: Array<{ modulePath: string; args: string[]; options: ForkOptions }> = [];
  const child = new FakeChild();
  const create = (options: { readyTimeoutMs?: number; stopTimeoutMs?: number; key?: EngineKeyMessage; signal?: AbortSignal } = {}) =>
    EngineProcess.create({
      fork: (modulePath, args, forkOptions) => {
        forks.push({ modulePath, args, options: forkOptions });
        queueMicrotask(() => script(child));
        return child;
      },
      ...engineOptions,
      ...options,
    });
  return { child, forks, create };
}

describe('engine utility process: messages', () => {
  it('the schema takes ready (http URL and token) and failed, and rejects anything else', () => {
    assert.equal(EngineMessage.safeParse({ type: 'ready', url: 'http://127.0.0.1:8080', token: 't' }).success, true);
    const displaySecret = Buffer.alloc(32, 1).toString('base64url');
    assert.equal(EngineMessage.safeParse({ type: 'ready', url: 'http://127.0.0.1:8080', token: 't', displaySecret }).success, true);
    assert.equal(EngineMessage.safeParse({ type: 'ready', url: 'http://127.0.0.1:8080', token: 't', displaySecret: 'short' }).success, false);
    assert.equal(EngineMessage.safeParse({ type: 'failed', message: 'port in use' }).success, true);
    assert.equal(EngineMessage.safeParse({ type: 'ready', url: 'file:///etc', token: 't' }).success, false);
    assert.equal(EngineMessage.safeParse({ type: 'ready', url: 'http://127.0.0.1:8080', token: '' }).success, false);
    assert.equal(EngineMessage.safeParse({ type: 'ready', url: 'http://x', token: 't', extra: 1 }).success, false);
    assert.equal(EngineMessage.safeParse({ type: 'eval', code: 'x' }).success, false);
    assert.equal(ShellMessage.safeParse({ type: 'stop' }).success, true);
    assert.equal(ShellMessage.safeParse({ type: 'stop', now: true }).success, false);
  });

  it('the key message carries exactly 32 bytes in base64, or says to use the key file', () => {
    const b64 = (n: number) => Buffer.alloc(n, 0xff).toString('base64');
    assert.equal(ShellMessage.safeParse({ type: 'key', key: KEY }).success, true);
    assert.equal(ShellMessage.safeParse({ type: 'key', key: randomBytes(32).toString('base64') }).success, true);
    assert.equal(ShellMessage.safeParse({ type: 'key-file' }).success, true);
    for (const key of [b64(31), b64(33), b64(16), '', `${KEY.slice(0, 42)}B=`, Buffer.alloc(32, 0xff).toString('base64url'), 42]) {
      assert.equal(ShellMessage.safeParse({ type: 'key', key }).success, false, String(key));
    }
    assert.equal(ShellMessage.safeParse({ type: 'key', key: KEY, file: '/x' }).success, false);
    assert.equal(ShellMessage.safeParse({ type: 'key-file', key: KEY }).success, false);
  });
});

describe('engine utility process: shell side', () => {
  it('forks the entry with the worker path in its env and resolves with the URL and token it reports', async () => {
    const { forks, create } = fork((child) => {
      child.emit('message', { type: 'hello?' }); // malformed: ignored
      child.emit('message', { type: 'ready', url: 'http://127.0.0.1:8080', token: 'tok' });
    });
    const engine = await create();
    assert.deepEqual(engine.address, { url: 'http://127.0.0.1:8080', token: 'tok' });
    assert.equal(forks[0]!.modulePath, '/app/engine-main.js');
    assert.equal(forks[0]!.options.env.MEDIASOUP_WORKER_BIN, '/app/bin/mediasoup-worker');
    assert.equal(forks[0]!.options.serviceName, 'jharokha-engine');
  });

  it('posts the sealing key as its first message, and never puts it in the fork\'s env or args', async () => {
    const { child, forks, create } = fork((c) => c.emit('message', { type: 'ready', url: 'http://127.0.0.1:8080', token: 'tok' }));
    await create();
    assert.deepEqual(child.received, [{ type: 'key', key: KEY }]);
    const { args, options } = forks[0]!;
    const visible = JSON.stringify({ args, env: options.env });
    assert.equal(visible.includes(KEY), false);
    assert.equal(visible.includes(Buffer.from(KEY, 'base64').toString('hex')), false);

    const fileKey = fork((c) => c.emit('message', { type: 'ready', url: 'http://127.0.0.1:8080', token: 'tok' }));
    await fileKey.create({ key: { type: 'key-file' } });
    assert.deepEqual(fileKey.child.received, [{ type: 'key-file' }]);
  });

  it('refuses a key of the wrong length before forking anything', async () => {
    const short = fork(() => assert.fail('never forked'));
    const key = Buffer.alloc(31, 1).toString('base64');
    await assert.rejects(short.create({ key: { type: 'key', key } }), /32 bytes in base64/);
    assert.equal(short.forks.length, 0);
    assert.deepEqual(short.child.received, []);
  });

  it('rejects when the engine reports failure, exits early or stays silent', async () => {
    await assert.rejects(fork((c) => c.emit('message', { type: 'failed', message: 'EADDRINUSE' })).create(), /failed to start: EADDRINUSE/);
    await assert.rejects(fork((c) => c.emit('exit', 1)).create(), /exited \(1\) before it was ready/);
    const silent = fork(() => undefined);
    await assert.rejects(silent.create({ readyTimeoutMs: 20 }), /did not report ready within/);
    assert.equal(silent.child.killed, true);
  });

  it('close() asks the engine to stop, kills it if it does not, and is idempotent', async () => {
    const polite = fork((c) => c.emit('message', { type: 'ready', url: 'http://127.0.0.1:1', token: 't' }));
    polite.child.onStop = () => polite.child.emit('exit', 0);
    const engine = await polite.create();
    await Promise.all([engine.close(), engine.close()]);
    await engine.close();
    assert.deepEqual(polite.child.received, [{ type: 'key', key: KEY }, { type: 'stop' }]);
    assert.equal(polite.child.killed, false);
    assert.equal(engine.running, false);

    const stuck = fork((c) => c.emit('message', { type: 'ready', url: 'http://127.0.0.1:1', token: 't' }));
    const stubborn = await stuck.create({ stopTimeoutMs: 20 });
    await stubborn.close();
    assert.equal(stuck.child.killed, true);
  });

  it('an aborted start asks the engine to stop and rejects once it has exited; aborted before, it forks nothing', async () => {
    const slow = fork(() => undefined); // never reports ready
    let exited = false;
    slow.child.onStop = () => setImmediate(() => ((exited = true), slow.child.emit('exit', 0)));
    const abort = new AbortController();
    const starting = slow.create({ signal: abort.signal });
    await new Promise((resolve) => setImmediate(resolve));
    abort.abort();
    await assert.rejects(starting, /start was called off/);
    assert.equal(exited, true, 'create() settles only after the process is gone');
    assert.deepEqual(slow.child.received, [{ type: 'key', key: KEY }, { type: 'stop' }]);

    const never = fork(() => assert.fail('never forked'));
    await assert.rejects(never.create({ signal: AbortSignal.abort() }), /called off/);
    assert.equal(never.forks.length, 0);
  });

  it('reports an exit after ready, but not one it caused', async () => {
    const { child, create } = fork((c) => c.emit('message', { type: 'ready', url: 'http://127.0.0.1:1', token: 't' }));
    const engine = await create();
    const exits: number[] = [];
    engine.on('exit', (code) => exits.push(code));
    child.emit('exit', 134);
    assert.deepEqual(exits, [134]);
  });
});

describe('engine utility process: engine side', () => {
  function port() {
    const sent: unknown[] = [];
    const emitter = new EventEmitter();
    return {
      sent,
      emitter,
      port: { on: (e: 'message', l: (event: { data: unknown }) => void) => emitter.on(e, l), postMessage: (m: unknown) => sent.push(m) },
    };
  }
  const fakeEngine = (closed: string[]): HostedEngine => ({
    baseUrl: 'http://127.0.0.1:8080',
    token: 'tok',
    close: async () => void closed.push('closed'),
  });
  const sendKey = (emitter: EventEmitter, data: unknown = { type: 'key', key: KEY }) => emitter.emit('message', { data });
  /** hostEngine on a fake parent port, keeping what it sends and the exit codes it asks for. */
  function host(deps: Omit<HostDeps, 'port' | 'exit'>) {
    const { sent, emitter, port: parentPort } = port();
    const exits: number[] = [];
    const hosting = hostEngine({ port: parentPort, ...deps, exit: (code) => exits.push(code) });
    return { sent, emitter, exits, hosting };
  }

  it('waits for the key, starts with it, reports ready with a message the shell accepts, and closes then exits 0 on stop', async () => {
    const closed: string[] = [];
    const keys: EngineKeyMessage[] = [];
    const { sent, emitter, exits, hosting } = host({ start: async (key) => (keys.push(key), fakeEngine(closed)) });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(keys, [], 'nothing starts before the key');
    sendKey(emitter);
    sendKey(emitter, { type: 'key-file' }); // a second key: ignored
    await hosting;
    assert.deepEqual(keys, [{ type: 'key', key: KEY }]);
    assert.deepEqual(sent, [{ type: 'ready', url: 'http://127.0.0.1:8080', token: 'tok' }]);
    assert.equal(EngineMessage.safeParse(sent[0]).success, true);
    emitter.emit('message', { data: { type: 'reboot' } }); // malformed: ignored
    assert.deepEqual(closed, []);
    emitter.emit('message', { data: { type: 'stop' } });
    emitter.emit('message', { data: { type: 'stop' } });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(closed, ['closed']);
    assert.deepEqual(exits, [0]);
  });

  it('turns the key message into the engine\'s key source: the unwrapped bytes, or the data dir\'s key file', async () => {
    const source = keySourceFor({ type: 'key', key: KEY }, '/data');
    assert.deepEqual(Buffer.from(await source.loadKey()), Buffer.alloc(32, 0xa5));
    assert.match(source.describe, /sealed by safeStorage/);
    const file = keySourceFor({ type: 'key-file' }, '/data');
    assert.ok(file instanceof KeyFileSource);
    assert.equal(file.file, path.join('/data', 'secret.key'));
  });

  it('a malformed key is ignored; no key in time reports failed and exits 1 without starting', async () => {
    const { sent, emitter, exits, hosting } = host({ start: async () => assert.fail('started without a key'), keyTimeoutMs: 30 });
    sendKey(emitter, { type: 'key', key: Buffer.alloc(31, 1).toString('base64') });
    await hosting;
    assert.deepEqual(sent, [{ type: 'failed', message: 'the desktop app sent no sealing key within 0.03 s' }]);
    assert.deepEqual(exits, [1]);
  });

  it('a stop before the key exits 0 without starting or reporting', async () => {
    const { sent, emitter, exits, hosting } = host({ start: async () => assert.fail('started after stop') });
    emitter.emit('message', { data: { type: 'stop' } });
    await hosting;
    assert.deepEqual(sent, []);
    assert.deepEqual(exits, [0]);
  });

  it('reports failed and exits 1 when the engine cannot start', async () => {
    const { sent, emitter, exits, hosting } = host({
      start: async () => {
        throw new Error('listen EADDRINUSE 127.0.0.1:8080');
      },
    });
    sendKey(emitter);
    await hosting;
    assert.deepEqual(sent, [{ type: 'failed', message: 'listen EADDRINUSE 127.0.0.1:8080' }]);
    assert.deepEqual(exits, [1]);
  });

  it('a stop that arrives while the engine starts closes it as soon as it is up, without reporting ready', async () => {
    const closed: string[] = [];
    let finishStart!: () => void;
    let started!: () => void;
    const starting = new Promise<void>((resolve) => (started = resolve));
    const { sent, emitter, exits, hosting } = host({
      start: () => (started(), new Promise((resolve) => (finishStart = () => resolve(fakeEngine(closed))))),
    });
    sendKey(emitter);
    await starting;
    emitter.emit('message', { data: { type: 'stop' } });
    finishStart();
    await hosting;
    assert.deepEqual(sent, []);
    assert.deepEqual(closed, ['closed']);
    assert.deepEqual(exits, [0]);
  });
});
