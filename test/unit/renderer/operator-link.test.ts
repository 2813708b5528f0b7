// The console's login: the form's credentials or the tab's stored token are sent on every
// connection, and nothing built on the link may start before the engine has accepted them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JharokhaError } from '../../../common/errors.js';
import type { MethodName, MethodParams, MethodResult } from '../../../common/protocol/methods.js';
import { TypedEmitter } from '../../../common/typed-emitter.js';
import { storeLoginToken, storedLoginToken } from '../../../renderer/browser/login/login-store.js';
import { isInstaller, OperatorLink } from '../../../renderer/browser/login/operator-link.js';
import type { EngineClientEvents, EngineLink } from '../../../renderer/browser/engine-client.js';

const TOKEN = 't'.repeat(43);
const asha = { username: 'asha', displayName: 'Asha Verma', role: 'operator' } as const;

class MemoryStorage {
  readonly values = new Map<string, string>();
  getItem = (key: string): string | null => this.values.get(key) ?? null;
  setItem = (key: string, value: string): void => void this.values.set(key, value);
  removeItem = (key: string): void => void this.values.delete(key);
}

class FakeClient implements EngineLink {
  connected = false;
  readonly emitter = new TypedEmitter<EngineClientEvents>();
  readonly sent: { method: string; params: unknown }[] = [];
  user: { username: string; displayName: string; role: 'operator' | 'supervisor' | 'installer' | 'wall' } = asha;
  answer: (method: string) => Promise<void> = async () => undefined;

  on<K extends keyof EngineClientEvents>(event: K, listener: (...args: EngineClientEvents[K]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  async request<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
    this.sent.push({ method, params });
    await this.answer(method);
    const result = method === 'session.login' ? { user: this.user, token: TOKEN, expiresAt: 1 } : { user: this.user };
    return result as unknown as MethodResult<M>;
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

describe('login token storage', () => {
  it('keeps only a well-formed token and forgets it on request', () => {
    const storage = new MemoryStorage();
    assert.equal(storedLoginToken(storage), null);
    storeLoginToken(storage, TOKEN);
    assert.equal(storedLoginToken(storage), TOKEN);
    assert.ok(![...storage.values.values()].some((v) => v.includes('password')), 'never a password');
    storage.setItem('jharokha.login', '{bad json');
    assert.equal(storedLoginToken(storage), null);
    storeLoginToken(storage, TOKEN);
    storeLoginToken(storage, null);
    assert.equal(storedLoginToken(storage), null);
  });
});

describe('operator link', () => {
  it('asks for a login when it has none, logs in from the form, and resumes with the token on every reconnect', async () => {
    const client = new FakeClient();
    const storage = new MemoryStorage();
    const link = new OperatorLink(client, storage);
    let ready = 0;
    link.on('connected', () => ready++);
    link.start();
    client.connect();
    await settle();
    assert.equal(link.loginState.kind, 'needs-login');
    assert.equal(client.sent.length, 0);

    link.login('asha', 'secret password');
    assert.equal(link.connected, false, 'not before the answer');
    await settle();
    assert.equal(link.connected, true);
    assert.equal(ready, 1);
    assert.deepEqual(link.user, asha);
    assert.deepEqual(client.sent, [{ method: 'session.login', params: { username: 'asha', password: 'secret password' } }]);
    assert.equal(storedLoginToken(storage), TOKEN);

    client.drop();
    assert.equal(link.connected, false);
    assert.equal(link.loginState.kind, 'offline');
    client.connect();
    await settle();
    assert.equal(ready, 2);
    assert.deepEqual(client.sent[1], { method: 'session.resume', params: { token: TOKEN } }, 'the password is not sent again');
    link.close();
  });

  it('a refused password shows why and waits for the form; a refused token asks for a login', async () => {
    const client = new FakeClient();
    client.answer = async () => {
      throw new JharokhaError('Unauthorized', 'wrong user name or password');
    };
    const storage = new MemoryStorage();
    const link = new OperatorLink(client, storage);
    link.start();
    client.connect();
    link.login('asha', 'wrong');
    await settle();
    assert.deepEqual(link.loginState, { kind: 'refused', message: 'wrong user name or password' });
    assert.equal(link.connected, false);
    link.close();

    storeLoginToken(storage, TOKEN);
    const again = new OperatorLink(client, storage);
    again.start();
    await settle();
    assert.equal(again.loginState.kind, 'needs-login');
    assert.equal(storedLoginToken(storage), null, 'an expired token is forgotten');
    again.close();
  });

  it('an installer logs in but the call desk does not start', async () => {
    const client = new FakeClient();
    client.user = { username: 'neha', displayName: 'Neha', role: 'installer' };
    const link = new OperatorLink(client, new MemoryStorage());
    let ready = 0;
    link.on('connected', () => ready++);
    link.start();
    client.connect();
    link.login('neha', 'installer password');
    await settle();
    assert.equal(link.loginState.kind, 'logged-in');
    assert.equal(link.connected, false);
    assert.equal(ready, 0);
    link.close();
  });

  it('the installer page link is ready for an installer only, and hands out the login token while logged in', async () => {
    const client = new FakeClient();
    client.user = { username: 'neha', displayName: 'Neha', role: 'installer' };
    const link = new OperatorLink(client, new MemoryStorage(), isInstaller);
    let ready = 0;
    link.on('connected', () => ready++);
    link.start();
    client.connect();
    assert.equal(link.loginToken, null);
    link.login('neha', 'installer password');
    await settle();
    assert.equal(link.connected, true);
    assert.equal(ready, 1);
    assert.equal(link.loginToken, TOKEN);
    client.drop();
    assert.equal(link.loginToken, null, 'not while the login is not in force');
    await link.logout();
    link.close();

    const operator = new FakeClient();
    const refused = new OperatorLink(operator, new MemoryStorage(), isInstaller);
    refused.start();
    operator.connect();
    refused.login('asha', 'secret password');
    await settle();
    assert.equal(refused.loginState.kind, 'logged-in', 'the engine accepted the password');
    assert.equal(refused.connected, false, 'but an operator is not an installer');
    refused.close();
  });

  it('an answer that arrives after the connection dropped does not count', async () => {
    const client = new FakeClient();
    let release = (): void => undefined;
    client.answer = () => new Promise((resolve) => (release = resolve));
    const storage = new MemoryStorage();
    storeLoginToken(storage, TOKEN);
    const link = new OperatorLink(client, storage);
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

  it('logging out forgets the token and tells the engine', async () => {
    const client = new FakeClient();
    const storage = new MemoryStorage();
    storeLoginToken(storage, TOKEN);
    const link = new OperatorLink(client, storage);
    link.start();
    client.connect();
    await settle();
    assert.equal(link.connected, true);
    await link.logout();
    assert.equal(link.connected, false);
    assert.equal(link.loginState.kind, 'needs-login');
    assert.equal(storedLoginToken(storage), null);
    assert.equal(client.sent.at(-1)?.method, 'session.logout');
    link.close();
  });
});
