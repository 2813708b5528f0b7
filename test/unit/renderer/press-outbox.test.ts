// The kiosk's outbox of button presses and its delivery: a press is stored before it is sent,
// survives a restart, is retried until the engine says yes, and reaches the engine once per pressId.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Alert } from '../../../common/domain/alert.js';
import { JharokhaError } from '../../../common/errors.js';
import type { MethodName, MethodParams, MethodResult } from '../../../common/protocol/methods.js';
import { methods } from '../../../common/protocol/methods.js';
import { TypedEmitter } from '../../../common/typed-emitter.js';
import { EngineUnavailableError, type EngineClientEvents, type EngineLink } from '../../../renderer/browser/engine-client.js';
import { outboxStorageKey, PressOutbox } from '../../../renderer/browser/kiosk/press-outbox.js';
import { PressSender } from '../../../renderer/browser/kiosk/press-sender.js';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  const writes: string[] = [];
  return {
    data,
    writes,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => {
      writes.push(value);
      data.set(key, value);
    },
  };
}

const settle = (ms = 10): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('press outbox', () => {
  it('writes a press to storage before add returns, and a new outbox on the same storage finds it', () => {
    const storage = memoryStorage();
    const outbox = new PressOutbox(storage, 'box-1', { now: () => 1_700_000_000_000 });
    const { press, added } = outbox.add('panic');
    assert.ok(added);
    assert.equal(press.kind, 'panic');
    assert.equal(press.pressedAt, 1_700_000_000_000);
    assert.match(press.pressId, /^[0-9a-f-]{36}$/);
    const stored = JSON.parse(storage.data.get(outboxStorageKey('box-1')) ?? '[]') as unknown[];
    assert.deepEqual(stored, [press]);

    const afterRestart = new PressOutbox(storage, 'box-1');
    assert.deepEqual(afterRestart.pending, [press]);
    assert.equal(new PressOutbox(storage, 'box-2').size, 0, 'each box has its own outbox');
  });

  it('a second press of the same button while the first is unconfirmed is the same press', () => {
    const outbox = new PressOutbox(memoryStorage(), 'box-1');
    const first = outbox.add('emergency');
    const again = outbox.add('emergency');
    assert.equal(again.added, false);
    assert.equal(again.press.pressId, first.press.pressId);
    const panic = outbox.add('panic');
    assert.ok(panic.added, 'the other button is another call for help');
    assert.equal(outbox.size, 2);
  });

  it('confirm removes only that press, from storage too', () => {
    const storage = memoryStorage();
    const outbox = new PressOutbox(storage, 'box-1');
    const a = outbox.add('emergency').press;
    const b = outbox.add('panic').press;
    outbox.confirm(a.pressId);
    outbox.confirm(randomUUID());
    assert.deepEqual(outbox.pending, [b]);
    assert.deepEqual(new PressOutbox(storage, 'box-1').pending, [b]);
  });

  it('keeps the valid entries of damaged storage and survives corrupt or missing storage', () => {
    const good = { pressId: randomUUID(), kind: 'panic', pressedAt: 5 };
    const key = outboxStorageKey('box-1');
    const mixed = memoryStorage({ [key]: JSON.stringify([{ pressId: 'nope', kind: 'panic', pressedAt: 1 }, good, 42]) });
    assert.deepEqual(new PressOutbox(mixed, 'box-1').pending, [good]);
    assert.equal(new PressOutbox(memoryStorage({ [key]: '{broken' }), 'box-1').size, 0);
    assert.equal(new PressOutbox(memoryStorage({ [key]: '{"a":1}' }), 'box-1').size, 0);
  });

  it('still holds a press in memory when storage refuses writes', () => {
    const storage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const outbox = new PressOutbox(storage, 'box-1');
    outbox.add('panic');
    assert.equal(outbox.size, 1);
  });
});

class FakeEngine implements EngineLink {
  connected = false;
  readonly emitter = new TypedEmitter<EngineClientEvents>();
  readonly presses: Array<MethodParams<'box.press'>> = [];
  /** Engine side: alerts by pressId (the idempotency under test). */
  readonly alerts = new Map<string, Alert>();
  /** How the next box.press calls fail, in order, before they succeed. */
  failures: Error[] = [];

  on<K extends keyof EngineClientEvents>(event: K, listener: (...args: EngineClientEvents[K]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  async request<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
    if (!this.connected) throw new EngineUnavailableError(`${method}: not connected to the engine`);
    assert.equal(method, 'box.press');
    const press = methods['box.press'].params.parse(params);
    this.presses.push(press);
    await settle(1);
    const failure = this.failures.shift();
    if (failure) throw failure;
    let alert = this.alerts.get(press.pressId);
    if (!alert) {
      alert = { id: randomUUID(), boxId: 'box-1', kind: press.kind, state: 'ringing', raisedAt: Date.now(), incidentCameras: [] };
      this.alerts.set(press.pressId, alert);
    }
    return { alert } as MethodResult<M>;
  }

  connect(): void {
    this.connected = true;
    this.emitter.safeEmit('connected');
  }
}

function setup(storage = memoryStorage()) {
  const engine = new FakeEngine();
  const outbox = new PressOutbox(storage, 'box-1');
  const sender = new PressSender(outbox, engine, { boxId: 'box-1', retryDelayMs: () => 15 });
  const delivered: Alert[] = [];
  sender.on('delivered', (alert) => delivered.push(alert));
  sender.start();
  return { engine, outbox, sender, delivered, storage };
}

describe('press sender', () => {
  it('sends a press at once when connected, with its pressId and box, and removes it on the answer', async () => {
    const { engine, sender, delivered } = setup();
    engine.connect();
    const press = sender.press('panic');
    assert.equal(sender.pendingCount, 1, 'pending until the engine answers');
    await settle();
    assert.deepEqual(engine.presses, [{ ...press, boxId: 'box-1' }]);
    assert.equal(sender.pendingCount, 0);
    assert.equal(delivered.length, 1);
    assert.equal(delivered[0]?.kind, 'panic');
    sender.close();
  });

  it('a press made offline is delivered exactly once when the connection returns', async () => {
    const { engine, sender, delivered } = setup();
    sender.press('emergency');
    await settle(40);
    assert.equal(engine.presses.length, 0);
    assert.equal(sender.pendingCount, 1);
    engine.connect();
    await settle(40);
    assert.equal(engine.presses.length, 1);
    assert.equal(delivered.length, 1);
    assert.equal(sender.pendingCount, 0);
    sender.close();
  });

  it('a press stored before a restart is sent by the next page', async () => {
    const storage = memoryStorage();
    const first = setup(storage);
    const press = first.sender.press('panic');
    first.sender.close();
    const second = setup(storage);
    second.engine.connect();
    await settle();
    assert.equal(second.engine.presses[0]?.pressId, press.pressId);
    assert.equal(second.sender.pendingCount, 0);
    second.sender.close();
  });

  it('retries with backoff after a failure, with the same pressId, and keeps the press until then', async () => {
    const { engine, sender, delivered } = setup();
    engine.connect();
    engine.failures = [new JharokhaError('Timeout', 'box.press: no answer'), new JharokhaError('Internal', 'internal error')];
    const press = sender.press('emergency');
    await settle(5);
    assert.equal(sender.pendingCount, 1);
    await settle(80);
    assert.equal(engine.presses.length, 3);
    assert.ok(engine.presses.every((p) => p.pressId === press.pressId));
    assert.equal(engine.alerts.size, 1, 'one alert on the engine');
    assert.equal(delivered.length, 1);
    assert.equal(sender.pendingCount, 0);
    sender.close();
  });

  it('an answer lost with the connection is asked again on reconnect: still one alert', async () => {
    const { engine, sender } = setup();
    engine.connect();
    engine.failures = [new EngineUnavailableError('box.press: engine connection lost')];
    sender.press('panic');
    await settle(5);
    engine.connected = false;
    engine.emitter.safeEmit('disconnected', 'closed (code 1006)');
    await settle(30);
    engine.connect();
    await settle(30);
    assert.equal(engine.alerts.size, 1);
    assert.equal(sender.pendingCount, 0);
    sender.close();
  });

  it('a press refused for the rate limit stays and is sent again, without holding back a panic behind it', async () => {
    const { engine, sender, delivered } = setup();
    sender.press('emergency');
    sender.press('panic');
    engine.failures = [new JharokhaError('LimitReached', 'call box box-1 pressed 10 times within 10 s')];
    engine.connect();
    await settle(80);
    assert.deepEqual(
      engine.presses.map((p) => p.kind),
      ['emergency', 'panic', 'emergency'],
      'the panic went out before the refused press was tried again',
    );
    assert.deepEqual(delivered.map((a) => a.kind), ['panic', 'emergency']);
    assert.equal(sender.pendingCount, 0);
    sender.close();
  });

  it('sends presses oldest first, one at a time', async () => {
    const { engine, sender } = setup();
    sender.press('emergency');
    sender.press('panic');
    engine.connect();
    await settle(30);
    assert.deepEqual(
      engine.presses.map((p) => p.kind),
      ['emergency', 'panic'],
    );
    sender.close();
  });
});
