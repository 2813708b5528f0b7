import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  APP_PAGE_CSP,
  appSchemePrivileges,
  handleAppProtocol,
  respondToAppUrl,
  UNREACHABLE_URL,
} from '../../../main/app/electron-main/app-protocol.js';
import { ENGINE_PAGE_CSP } from '../../../common/page-security.js';
import { withCsp } from '../../../main/app/electron-main/content-security.js';
import { keepLoaded } from '../../../main/app/electron-main/page-loader.js';
import type { Timers } from '../../../main/app/electron-main/timers.js';
import { FakeWindow } from './fake-electron.js';

describe('jharokha:// app pages', () => {
  it('serve the unreachable page with a CSP that allows no script', async () => {
    const page = respondToAppUrl(UNREACHABLE_URL);
    assert.equal(page.status, 200);
    assert.match(page.body, /site engine is not answering/);
    assert.doesNotMatch(page.body, /<script/i);
    assert.equal(page.headers['Content-Security-Policy'], APP_PAGE_CSP);
    assert.match(APP_PAGE_CSP, /default-src 'none'/);
    assert.doesNotMatch(APP_PAGE_CSP, /script-src/);

    let handler: ((request: { url: string }) => Response) | undefined;
    handleAppProtocol({ handle: (scheme, h) => (assert.equal(scheme, 'jharokha'), (handler = h)) });
    const response = handler!({ url: UNREACHABLE_URL });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-security-policy'), APP_PAGE_CSP);
    assert.match(await response.text(), /<h1>/);
  });

  it('answer 404 for any other path or host, and never read the disk', () => {
    for (const url of ['jharokha://app/../../etc/passwd', 'jharokha://app/%2e%2e/x', 'jharokha://other/unreachable', 'jharokha://app/', 'http://app/unreachable']) {
      assert.equal(respondToAppUrl(url).status, 404, url);
    }
    assert.equal(respondToAppUrl('::').status, 400);
  });

  it('register the scheme as standard and secure', () => {
    assert.equal(appSchemePrivileges.scheme, 'jharokha');
    assert.equal(appSchemePrivileges.privileges.standard, true);
    assert.equal(appSchemePrivileges.privileges.secure, true);
  });
});

describe('engine responses', () => {
  const engine = 'http://127.0.0.1:8080';
  it('get the CSP header when the engine left it out, and keep the engine\'s own when present', () => {
    assert.deepEqual(withCsp(`${engine}/console`, { 'Content-Type': ['text/html'] }, engine)['Content-Security-Policy'], [ENGINE_PAGE_CSP]);
    const own = { 'content-security-policy': ["default-src 'self'"] };
    assert.deepEqual(withCsp(`${engine}/console`, own, engine), own);
    assert.deepEqual(withCsp('https://elsewhere.example/', {}, engine), {});
    assert.match(ENGINE_PAGE_CSP, /default-src 'none'/);
    assert.match(ENGINE_PAGE_CSP, /script-src 'self';/);
    assert.match(ENGINE_PAGE_CSP, /connect-src 'self';/);
    assert.match(ENGINE_PAGE_CSP, /frame-ancestors 'none'/);
    assert.doesNotMatch(ENGINE_PAGE_CSP, /unsafe-(inline|eval)|ws:|wss:/);
  });
});

describe('page loader', () => {
  function manualTimers() {
    const queue: Array<() => void> = [];
    const timers: Timers = { setTimeout: (fn) => queue.push(fn), clearTimeout: () => queue.splice(0) };
    return { timers, queue };
  }
  const page = 'http://127.0.0.1:8080/wall/main/1?token=t';

  it('shows the unreachable page when the engine page fails, then retries the engine page', () => {
    const window = new FakeWindow({});
    const { timers, queue } = manualTimers();
    keepLoaded(window, page, { fallbackUrl: UNREACHABLE_URL, timers });
    assert.deepEqual(window.loaded, [page]);
    window.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', page, true);
    assert.deepEqual(window.loaded, [page, UNREACHABLE_URL]);
    window.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', page, true);
    assert.equal(queue.length, 1, 'one retry pending at a time');
    queue.shift()!();
    assert.deepEqual(window.loaded, [page, UNREACHABLE_URL, UNREACHABLE_URL, page]);
  });

  it('ignores subframe failures and aborted loads, reloads after a renderer crash, and stops', () => {
    const window = new FakeWindow({});
    const { timers, queue } = manualTimers();
    const stop = keepLoaded(window, page, { fallbackUrl: UNREACHABLE_URL, timers });
    window.webContents.emit('did-fail-load', {}, -102, 'refused', 'http://127.0.0.1:8080/x', false);
    window.webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', page, true);
    assert.deepEqual(window.loaded, [page]);
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    queue.shift()!();
    assert.deepEqual(window.loaded, [page, page]);
    window.webContents.emit('render-process-gone', {}, { reason: 'oom' });
    stop();
    assert.equal(queue.length, 0);
    window.webContents.emit('did-fail-load', {}, -102, 'refused', page, true);
    assert.deepEqual(window.loaded, [page, page], 'nothing loads after stop');
  });
});
