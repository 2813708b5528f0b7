import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  engineOnly,
  isSameOrigin,
  lockDownContents,
  originOf,
  refuseDownloads,
  secureWindowOptions,
} from '../../../main/app/electron-main/window-security.js';
import { preventable } from './fake-electron.js';

type Listener = (event: ReturnType<typeof preventable>, url?: string) => void;

/** A fake of the slice of Electron's WebContents the shell configures. */
class FakeContents {
  readonly handlers = new Map<string, Listener>();
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  on(name: string, handler: Listener): this {
    this.handlers.set(name, handler);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  /** Fires like Electron: will-navigate/will-redirect pass the URL as an argument, will-frame-navigate on the event. */
  fire(name: string, url = ''): boolean {
    const event = preventable({ url });
    this.handlers.get(name)!(event, url);
    return event.prevented;
  }
}

const engine = 'http://127.0.0.1:8080';

describe('Electron window security', () => {
  it('turns on isolation, the sandbox and web security, and keeps Node and webviews out of the renderer', () => {
    const prefs = secureWindowOptions('t', '/app/preload.cjs').webPreferences!;
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.nodeIntegrationInWorker, false);
    assert.equal(prefs.nodeIntegrationInSubFrames, false);
    assert.equal(prefs.webSecurity, true);
    assert.equal(prefs.allowRunningInsecureContent, false);
    assert.equal(prefs.webviewTag, false);
    assert.equal(prefs.navigateOnDragDrop, false);
    assert.equal(prefs.preload, '/app/preload.cjs');
    assert.equal('preload' in secureWindowOptions('t').webPreferences!, false);
  });

  it('denies every new window, every webview, and navigation, redirects and frame navigation off the engine', () => {
    const contents = new FakeContents();
    lockDownContents(contents as never, engineOnly(() => engine));
    assert.deepEqual(contents.openHandler!({ url: 'https://example.com' }), { action: 'deny' });
    assert.deepEqual(contents.openHandler!({ url: `${engine}/console` }), { action: 'deny' });
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      assert.equal(contents.fire(event, 'https://evil.example/phish'), true, event);
      assert.equal(contents.fire(event, 'http://127.0.0.1:9999/console'), true, event);
      assert.equal(contents.fire(event, 'file:///etc/passwd'), true, event);
      assert.equal(contents.fire(event, 'not a url'), true, event);
      assert.equal(contents.fire(event, `${engine}/wall/main/1`), false, event);
    }
    assert.equal(contents.fire('will-attach-webview'), true);
  });

  it('allows no navigation at all before the engine is known', () => {
    const contents = new FakeContents();
    lockDownContents(contents as never, engineOnly(() => undefined));
    assert.equal(contents.fire('will-navigate', `${engine}/console`), true);
  });

  it('refuses downloads', () => {
    const session = new FakeContents();
    refuseDownloads(session as never);
    assert.equal(session.fire('will-download'), true);
  });

  it('compares origins, not prefixes, custom schemes included', () => {
    assert.equal(isSameOrigin('http://127.0.0.1:8080.evil.example/', engine), false);
    assert.equal(isSameOrigin('http://127.0.0.1:8080@evil.example/', engine), false);
    assert.equal(isSameOrigin('http://127.0.0.1:8080/console?x=1', engine), true);
    assert.equal(originOf('jharokha://app/unreachable'), 'jharokha://app');
    assert.equal(originOf('about:blank'), null);
  });
});
