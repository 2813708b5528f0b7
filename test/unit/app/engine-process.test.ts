import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { EngineMessage, ShellMessage } from '../../../main/app/common/engine-messages.js';
import { EngineProcess, type ForkOptions } from '../../../main/app/electron-main/engine-process.js';
import { hostEngine, type HostedEngine } from '../../../main/app/node/engine-host.js';

/** A fake utilityProcess child; `engine` plays the other end of the parent port. */
class FakeChild extends EventEmitter {
  readonly received: unknown[] = [];
  killed = false;
  onStop: (() => void) | undefined;
  postMessage(message: unknown): void {
    this.received.push(message);
    if ((message as { type?: string }).type === 'stop') this.onStop?.();
  }
  kill(): boolean {
    this.killed = true;
    queueMicrotask(() => this.emit('exit', 15));
    return true;
  }
}

function fork(script: (child: FakeChild) => void) {
  const forks: Array<{ modulePath: string; args: string[]; options: ForkOptions }> = [];
  const child = new FakeChild();
  const create = (options: { readyTimeoutMs?: number; stopTimeoutMs?: number } = {}) =>
    EngineProcess.create({
      fork: (modulePath, args, forkOptions) => {
        forks.push({ modulePath, args, options: forkOptions });
        queueMicrotask(() => script(child));
        return child;
      },
      entry: '/app/engine-main.js',
      args: ['--data-dir=/data'],
      env: { MEDIASOUP_WORKER_BIN: '/app/bin/mediasoup-worker' },
      ...options,
    });
  return { child, forks, create };
}

describe('engine utility process: messages', () => {
  it('the schema takes ready (http URL and token) and failed, and rejects anything else', () => {
    assert.equal(EngineMessage.safeParse({ type: 'ready', url: 'http://127.0.0.1:8080', token: 't' }).success, true);
    assert.equal(EngineMessage.safeParse({ type: 'failed', message: 'port in use' }).success, true);
    assert.equal(EngineMessage.safeParse({ type: 'ready', url: 'file:///etc', token: 't' }).success, false);
    assert.equal(EngineMessage.safeParse({ type: 'ready', url: 'http://127.0.0.1:8080', token: '' }).success, false);
    assert.equal(EngineMessage.safeParse({ type: 'ready', url: 'http://x', token: 't', extra: 1 }).success, false);
    assert.equal(EngineMessage.safeParse({ type: 'eval', code: 'x' }).success, false);
    assert.equal(ShellMessage.safeParse({ type: 'stop' }).success, true);
    assert.equal(ShellMessage.safeParse({ type: 'stop', now: true }).success, false);
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
    assert.deepEqual(polite.child.received, [{ type: 'stop' }]);
    assert.equal(polite.child.killed, false);
    assert.equal(engine.running, false);

    const stuck = fork((c) => c.emit('message', { type: 'ready', url: 'http://127.0.0.1:1', token: 't' }));
    const stubborn = await stuck.create({ stopTimeoutMs: 20 });
    await stubborn.close();
    assert.equal(stuck.child.killed, true);
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

  it('reports ready with a message the shell accepts, and closes then exits 0 on stop', async () => {
    const { sent, emitter, port: parentPort } = port();
    const closed: string[] = [];
    const exits: number[] = [];
    await hostEngine({ port: parentPort, start: async () => fakeEngine(closed), exit: (code) => exits.push(code) });
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

  it('reports failed and exits 1 when the engine cannot start', async () => {
    const { sent, port: parentPort } = port();
    const exits: number[] = [];
    await hostEngine({
      port: parentPort,
      start: async () => {
        throw new Error('listen EADDRINUSE 127.0.0.1:8080');
      },
      exit: (code) => exits.push(code),
    });
    assert.deepEqual(sent, [{ type: 'failed', message: 'listen EADDRINUSE 127.0.0.1:8080' }]);
    assert.deepEqual(exits, [1]);
  });

  it('a stop that arrives while the engine starts closes it as soon as it is up, without reporting ready', async () => {
    const { sent, emitter, port: parentPort } = port();
    const closed: string[] = [];
    const exits: number[] = [];
    let finishStart!: () => void;
    const hosting = hostEngine({
      port: parentPort,
      start: () => new Promise((resolve) => (finishStart = () => resolve(fakeEngine(closed)))),
      exit: (code) => exits.push(code),
    });
    emitter.emit('message', { data: { type: 'stop' } });
    finishStart();
    await hosting;
    assert.deepEqual(sent, []);
    assert.deepEqual(closed, ['closed']);
    assert.deepEqual(exits, [0]);
  });
});
