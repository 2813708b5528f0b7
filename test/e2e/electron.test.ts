// The desktop shell in a real Electron, driven by Playwright's Electron launcher, against a real
// demo engine (started here under Node, as `npm start` does). Electron's binary comes from
// outside the npm registry, so where it is not installed this file skips and says why.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { buildApp } from '../../main/app/build.js';
import { findElectronBinary } from '../../main/app/node/electron-binary.js';
import type { SiteEngine } from '../../main/engine/node/site-engine.js';
import { startDemoEngine } from './engine-fixture.js';

const binary = findElectronBinary();
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const skip = !binary
  ? 'no Electron binary (npx install-electron fetches it where its download is reachable)'
  : !hasDisplay
    ? 'no display server for Electron (run the e2e stage under xvfb-run)'
    : false;
const root = path.resolve(import.meta.dirname, '../..');

// The skip sits on each test (not the suite) so the runner's summary counts them as skipped.
describe('desktop shell in Electron (demo engine)', () => {
  let engine: SiteEngine;
  let cleanup: (() => Promise<void>) | undefined;
  let app: ElectronApplication | undefined;
  let page: Page;
  let configHome: string;

  before(async () => {
    if (skip) return;
    await buildApp();
    ({ engine, cleanup } = await startDemoEngine());
    configHome = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-electron-'));
    app = await _electron.launch({
      executablePath: binary!,
      // Chromium refuses to start as root with its OS sandbox; the renderer sandbox
      // (sandbox: true, contextIsolation) that the shell sets is still in force.
      args: [
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        path.join(root, 'dist/app/main.cjs'),
        `--engine-url=${engine.baseUrl}`,
      ],
      env: { ...process.env, JHAROKHA_TOKEN: engine.token, XDG_CONFIG_HOME: configHome } as Record<string, string>,
    });
    page = await app.firstWindow();
    await page.waitForURL((url) => url.pathname === '/console');
  });

  after(async () => {
    await app?.close();
    await cleanup?.();
    if (configHome) fs.rmSync(configHome, { recursive: true, force: true });
  });

  it('opens one window per display, the console on the primary, and writes the default mapping', { skip }, async () => {
    const counts = await app!.evaluate(({ BrowserWindow, screen }) => ({
      windows: BrowserWindow.getAllWindows().length,
      displays: screen.getAllDisplays().length,
    }));
    assert.equal(counts.windows, counts.displays);
    const written = fs.readdirSync(configHome, { recursive: true }) as string[];
    assert.ok(written.some((file) => file.endsWith('displays.json')), written.join(', '));
  });

  it('hands the page exactly {engineUrl, token, displayId, role}, frozen, and no Node', { skip }, async () => {
    const seen = await page.evaluate(() => {
      const api = (window as unknown as { jharokha?: Record<string, unknown> }).jharokha;
      return {
        keys: api ? Object.keys(api).sort() : null,
        api,
        frozen: api ? Object.isFrozen(api) : null,
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
      };
    });
    assert.deepEqual(seen.keys, ['displayId', 'engineUrl', 'role', 'token']);
    assert.equal(seen.api!.engineUrl, engine.baseUrl);
    assert.equal(seen.api!.token, engine.token);
    assert.equal(seen.api!.role, 'console');
    assert.equal(seen.frozen, true);
    assert.equal(seen.require, 'undefined');
    assert.equal(seen.process, 'undefined');
  });

  it('refuses window.open and navigation off the engine', { skip }, async () => {
    assert.equal(await page.evaluate(() => window.open('https://example.com/') === null), true);
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(new URL(page.url()).origin, engine.baseUrl);
    const counts = await app!.evaluate(({ BrowserWindow, screen }) => [BrowserWindow.getAllWindows().length, screen.getAllDisplays().length]);
    assert.equal(counts[0], counts[1], 'no window was opened');
  });

  it('lets the console ask for camera and microphone, and refuses a wall page', { skip }, async () => {
    const ask = (): Promise<string> =>
      page.evaluate(() =>
        navigator.mediaDevices.getUserMedia({ audio: true, video: true }).then(
          (stream) => (stream.getTracks().forEach((t) => t.stop()), 'granted'),
          (error: Error) => error.name,
        ),
      );
    assert.notEqual(await ask(), 'NotAllowedError', 'the console may (a machine without devices says NotFoundError)');
    await page.evaluate((url) => (window.location.href = url), `${engine.baseUrl}/wall/main/1`);
    await page.waitForURL((url) => url.pathname === '/wall/main/1');
    assert.equal(await ask(), 'NotAllowedError');
  });
});
