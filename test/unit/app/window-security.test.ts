import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  denyPermissions,
  isSameOrigin,
  lockDownContents,
  secureWindowOptions,
} from '../../../main/app/electron-main/window-security.js';

/** A fake of the slice of Electron's WebContents the shell configures. */
class FakeContents {
  readonly handlers = new Map<string, (event: { preventDefault(): void; prevented?: boolean }, url: string) => void>();
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  on(name: string, handler: (event: { preventDefault(): void }, url: string) => void): this {
    this.handlers.set(name, handler);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  fire(name: string, url = ''): boolean {
    let prevented = false;
    this.handlers.get(name)!({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

describe('Electron window security', () => {
  it('turns on isolation and the sandbox and keeps Node out of the renderer', () => {
    const prefs = secureWindowOptions('t').webPreferences!;
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.nodeIntegrationInWorker, false);
    assert.equal(prefs.webSecurity, true);
    assert.equal(prefs.allowRunningInsecureContent, false);
    assert.equal(prefs.webviewTag, false);
  });

  it('denies new windows and webviews, and navigation away from the engine', () => {
    const contents = new FakeContents();
    lockDownContents(contents as never, 'http://127.0.0.1:8080');
    assert.deepEqual(contents.openHandler!({ url: 'https://example.com' }), { action: 'deny' });
    assert.equal(contents.fire('will-navigate', 'https://evil.example/phish'), true);
    assert.equal(contents.fire('will-navigate', 'http://127.0.0.1:9999/console'), true);
    assert.equal(contents.fire('will-navigate', 'not a url'), true);
    assert.equal(contents.fire('will-navigate', 'http://127.0.0.1:8080/wall/main/1'), false);
    assert.equal(contents.fire('will-attach-webview'), true);
  });

  it('refuses every permission request and check', () => {
    let request: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    denyPermissions({
      setPermissionRequestHandler: (h: never) => (request = h),
      setPermissionCheckHandler: (h: never) => (check = h),
    } as never);
    let granted: boolean | undefined;
    request!(null, 'media', (ok) => (granted = ok));
    assert.equal(granted, false);
    assert.equal(check!(), false);
  });

  it('compares origins, not prefixes', () => {
    assert.equal(isSameOrigin('http://127.0.0.1:8080.evil.example/', 'http://127.0.0.1:8080'), false);
    assert.equal(isSameOrigin('http://127.0.0.1:8080/console?x=1', 'http://127.0.0.1:8080'), true);
  });
});
