import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineSocketUrl, extractToken, shellCredential, takeAccessToken } from '../../../renderer/browser/access-token.js';
import { FIRST_RETRY_MS, MAX_RETRY_MS, reconnectDelayMs } from '../../../common/backoff.js';
import { parseRoute } from '../../../renderer/browser/routes.js';

describe('routes', () => {
  it('serves the console at / and /console', () => {
    assert.deepEqual(parseRoute('/'), { page: 'console' });
    assert.deepEqual(parseRoute('/console'), { page: 'console' });
    assert.deepEqual(parseRoute('/console/'), { page: 'console' });
  });

  it('parses /wall/:wallId/:displayId and rejects ids outside the slug rule', () => {
    assert.deepEqual(parseRoute('/wall/main/1'), { page: 'wall', wallId: 'main', displayId: '1' });
    assert.equal(parseRoute('/wall/Main/1').page, 'not-found');
    assert.equal(parseRoute('/wall/main').page, 'not-found');
    assert.equal(parseRoute('/wall/%E0%A4/1').page, 'not-found');
  });

  it('serves the installer page at /setup', () => {
    assert.deepEqual(parseRoute('/setup'), { page: 'setup' });
    assert.deepEqual(parseRoute('/setup/'), { page: 'setup' });
    assert.equal(parseRoute('/setup/extra').page, 'not-found');
  });

  it('parses /callbox/:boxId and rejects ids outside the box id rule', () => {
    assert.deepEqual(parseRoute('/callbox/box-12'), { page: 'callbox', boxId: 'box-12' });
    assert.deepEqual(parseRoute('/callbox/box-12/'), { page: 'callbox', boxId: 'box-12' });
    assert.equal(parseRoute('/callbox/Box_12').page, 'not-found');
    assert.equal(parseRoute('/callbox').page, 'not-found');
  });
});

describe('access token', () => {
  it('takes the token out of the address and keeps the rest', () => {
    assert.deepEqual(extractToken('http://h:8080/wall/main/1?token=abc&x=1#f'), {
      token: 'abc',
      cleanHref: 'http://h:8080/wall/main/1?x=1#f',
    });
    assert.deepEqual(extractToken('http://h/console'), { token: null, cleanHref: 'http://h/console' });
  });

  it('stores a token from the address, strips it from the bar, and reuses it after a reload', () => {
    const stored = new Map<string, string>();
    const replaced: string[] = [];
    const place = (href: string) => ({
      location: { href },
      history: { state: null, replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) },
      sessionStorage: { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) },
    });
    assert.equal(takeAccessToken(place('http://h/console?token=s3cret')), 's3cret');
    assert.deepEqual(replaced, ['http://h/console']);
    assert.equal(takeAccessToken(place('http://h/console')), 's3cret');
    assert.equal(replaced.length, 1, 'nothing to strip on reload');
  });

  it('in the desktop shell takes the token from the preload (window.jharokha), strips any ?token= and stores nothing', () => {
    const stored = new Map<string, string>();
    const replaced: string[] = [];
    const shell = { engineUrl: 'http://h:8080', token: 'shell-token', displayId: '2', role: 'wall' };
    const place = (href: string, jharokha: unknown) => ({
      location: { href },
      history: { state: null, replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) },
      sessionStorage: { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) },
      jharokha,
    });
    assert.equal(takeAccessToken(place('http://h:8080/console', { ...shell, role: 'workstation' })), 'shell-token');
    assert.deepEqual(replaced, [], 'the shell\'s address carries no token');
    assert.equal(takeAccessToken(place('http://h:8080/wall/main/2', shell)), null, 'a wall window\'s credential is its display key, no site token');
    assert.equal(takeAccessToken(place('http://h:8080/console?token=old', { ...shell, role: 'console' })), 'shell-token');
    assert.deepEqual(replaced, ['http://h:8080/console']);
    assert.equal(stored.size, 0);

    // A browser (no preload) keeps ?token=; a config for another origin or a kiosk's key is not an operator token.
    assert.equal(takeAccessToken(place('http://h:8080/console?token=t', undefined)), 't');
    assert.equal(shellCredential({ location: { href: 'http://h:8080/console' }, jharokha: { ...shell, engineUrl: 'http://evil:8080' } }, ['wall']), null);
    assert.equal(shellCredential({ location: { href: 'http://h:8080/console' }, jharokha: { ...shell, role: 'callbox' } }, ['wall', 'console']), null);
    assert.equal(shellCredential({ location: { href: 'http://h:8080/console' }, jharokha: { ...shell, engineUrl: 'not a url' } }, ['wall']), null);
    assert.equal(shellCredential({ location: { href: 'http://h:8080/console' }, jharokha: null }, ['wall']), null);
  });

  it('opens the WebSocket on the same host, wss under https', () => {
    assert.equal(engineSocketUrl({ protocol: 'http:', host: '10.0.0.5:8080' }, 'a b'), 'ws://10.0.0.5:8080/ws?token=a%20b');
    assert.equal(engineSocketUrl({ protocol: 'https:', host: 'iccc.local' }, 't'), 'wss://iccc.local/ws?token=t');
    assert.equal(engineSocketUrl({ protocol: 'http:', host: 'h' }, { wall: 'main', display: '1', key: 'k&y' }), 'ws://h/ws?wall=main&display=1&key=k%26y');
  });
});

describe('reconnect backoff', () => {
  it('starts near 1 s, doubles, and never exceeds 10 s', () => {
    const top = () => 1;
    assert.equal(reconnectDelayMs(0, top), FIRST_RETRY_MS);
    assert.equal(reconnectDelayMs(1, top), 2_000);
    assert.equal(reconnectDelayMs(3, top), 8_000);
    assert.equal(reconnectDelayMs(4, top), MAX_RETRY_MS);
    assert.equal(reconnectDelayMs(50, top), MAX_RETRY_MS);
    assert.equal(reconnectDelayMs(0, () => 0), 800, 'jitter only shortens the wait');
  });
});
