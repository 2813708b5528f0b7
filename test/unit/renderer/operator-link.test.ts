// The console's operator identity: taken from the address (and stripped) or sessionStorage, sent
// with session.identify on every connection before anything built on the link may start.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JharokhaError } from '../../../common/errors.js';
import type { MethodName, MethodParams, MethodResult } from '../../../common/protocol/methods.js';
import { TypedEmitter } from '../../../common/typed-emitter.js';
import { extractOperator, takeOperator } from '../../../renderer/browser/alerts/operator-identity.js';
import { OperatorLink } from '../../../renderer/browser/alerts/operator-link.js';
import type { EngineClientEvents, EngineLink } from '../../../renderer/browser/engine-client.js';

describe('operator identity', () => {
  it('reads ?operator= and ?role=, strips both, and treats an unknown role as operator', () => {
    assert.deepEqual(extractOperator('http://h/console?operator=Asha%20Devi&role=supervisor&x=1'), {
      identity: { name: 'Asha Devi', role: 'supervisor' },
      cleanHref: 'http://h/console?x=1',
    });
    assert.deepEqual(extractOperator('http://h/console?operator=Ravi&role=boss').identity, { name: 'Ravi', role: 'operator' });
    assert.deepEqual(extractOperator('http://h/console?role=supervisor'), { identity: null, cleanHref: 'http://h/console' });
    assert.equal(extractOperator('http://h/console?operator=%20%20').identity, null, 'a blank name is no name');
  });

  it('keeps the identity for reloads of this tab', () => {
    const stored = new Map<string, string>();
    const replaced: string[] = [];
    const place = (href: string) => ({
      location: { href },
      history: { state: null, replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) },
      sessionStorage: { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) },
    });
    assert.deepEqual(takeOperator(place('http://h/console?operator=Asha')), { name: 'Asha', role: 'operator' });
    assert.deepEqual(replaced, ['http://h/console']);
    assert.deepEqual(takeOperator(place('http://h/console')), { name: 'Asha', role: 'operator' });
    stored.set('jharokha.operator', '{bad json');
    assert.equal(takeOperator(place('http://h/console')), null);
  });
});

class FakeClient implements EngineLink {
  connected = false;
  readonly emitter = new TypedEmitter<EngineClientEvents>();
  readonly identified: unknown[] = [];
  answer: () => Promise<void> = async () => undefined;

  on<K extends keyof EngineClientEvents>(event: K, listener: (...args: EngineClientEvents[K]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  async request<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
    assert.equal(method, 'session.identify');
    this.identified.push(params);
    await this.answer();
    return {} as MethodResult<M>;
  }

  connect(): void {
    this.connected = true;
    this.emitter.safeEmit('connected');
  }

  drop(): void {
    this.connected = false;
    this.emitter.safeEmit('disconnected', 'closed (code 1006)');
  }
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

describe('operator link', () => {
  it('is "connected" only after session.identify is answered, on every reconnect', async () => {
    const client = new FakeClient();
    const link = new OperatorLink(client, { name: 'Asha', role: 'operator' }, { setItem: () => undefined });
    let ready = 0;
    link.on('connected', () => ready++);
    link.start();
    client.connect();
    assert.equal(link.connected, false, 'not before the answer');
    await settle();
    assert.equal(link.connected, true);
    assert.equal(ready, 1);
    assert.deepEqual(client.identified, [{ name: 'Asha', role: 'operator' }]);

    client.drop();
    assert.equal(link.connected, false);
    assert.equal(link.identifyState.kind, 'offline');
    client.connect();
    await settle();
    assert.equal(ready, 2);
    assert.equal(client.identified.length, 2);
    link.close();
  });

  it('asks for a name when it has none, and identifies once one is given', async () => {
    const client = new FakeClient();
    const saved: string[] = [];
    const link = new OperatorLink(client, null, { setItem: (_k, v) => void saved.push(v) });
    link.start();
    client.connect();
    await settle();
    assert.equal(link.identifyState.kind, 'needs-name');
    assert.equal(client.identified.length, 0);
    link.setIdentity({ name: 'Ravi', role: 'supervisor' });
    await settle();
    assert.equal(link.connected, true);
    assert.deepEqual(client.identified, [{ name: 'Ravi', role: 'supervisor' }]);
    assert.equal(saved.length, 1);
    link.close();
  });

  it('a refusal shows why and waits for another name', async () => {
    const client = new FakeClient();
    client.answer = async () => {
      throw new JharokhaError('BadRequest', 'session.identify: invalid params: name: too long');
    };
    const link = new OperatorLink(client, { name: 'Asha', role: 'operator' }, { setItem: () => undefined });
    link.start();
    client.connect();
    await settle();
    assert.equal(link.identifyState.kind, 'refused');
    assert.equal(link.connected, false);
    link.close();
  });

  it('an answer that arrives after the connection dropped does not count', async () => {
    const client = new FakeClient();
    let release = (): void => undefined;
    client.answer = () => new Promise((resolve) => (release = resolve));
    const link = new OperatorLink(client, { name: 'Asha', role: 'operator' }, { setItem: () => undefined });
    let ready = 0;
    link.on('connected', () => ready++);
    link.start();
    client.connect();
    client.drop();
    release();
    await settle();
    assert.equal(ready, 0);
    assert.equal(link.connected, false);
    link.close();
  });
});
