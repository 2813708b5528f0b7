// A real site engine on the demo site (real simulator, real mediasoup worker, real SQLite file)
// in a temporary data directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { SiteEngine } from '../../main/engine/node/site-engine.js';
import { openEngineFile, type EngineFile } from '../support/engine-stores.js';
import { launchChromium } from '../support/chromium.js';

/** `stored` is the engine's file opened beside it, to read what the engine recorded. */
export async function startDemoEngine(options: { escalateAfterMs?: number } = {}): Promise<{ engine: SiteEngine; stored: EngineFile; cleanup: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-e2e-'));
  const engine = await SiteEngine.create({ dataDir, port: 0, demo: true, pullGraceMs: 1000, ...options });
  const stored = await openEngineFile(dataDir);
  return {
    engine,
    stored,
    cleanup: async () => {
      stored.close();
      await engine.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The demo engine and a Chromium page at 1600x900, ready to open one of the engine's pages. */
export async function startDemoWithPage(): Promise<{ engine: SiteEngine; stored: EngineFile; page: Page; close: () => Promise<void> }> {
  const { engine, stored, cleanup } = await startDemoEngine();
  const browser = await launchChromium();
  const page = await (await browser.newContext({ viewport: { width: 1600, height: 900 } })).newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  return {
    engine,
    stored,
    page,
    close: async () => {
      await browser.close();
      await cleanup();
    },
  };
}

/**
 * For a describe block: before its tests, the demo engine and a page (startDemoWithPage) handed to
 * `use`, the page opened at `url(engine)`; after its tests, both closed.
 */
export function demoPageForSuite(use: (demo: { engine: SiteEngine; stored: EngineFile; page: Page }) => void, url: (engine: SiteEngine) => string): void {
  let close: (() => Promise<void>) | undefined;
  before(async () => {
    const demo = await startDemoWithPage();
    close = demo.close;
    use(demo);
    await demo.page.goto(url(demo.engine));
  });
  after(async () => close?.());
}

/**
 * The demo site on a data dir and port that outlive its engine, for tests that stop the engine and
 * start it again as a restarted service would be, and the browser watching it.
 */
export class RestartingDemo {
  private readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-restart-'));
  private port = 0;
  private engine: SiteEngine | undefined;
  private stored: EngineFile | undefined;
  private browser: Browser | undefined;

  /** One for a describe block, closed (browser, engine, data dir) after its tests. */
  static forSuite(): RestartingDemo {
    const demo = new RestartingDemo();
    after(() => demo.close());
    return demo;
  }

  /** The first start, on a free port, and the browser. */
  async open(): Promise<{ engine: SiteEngine; browser: Browser }> {
    const engine = await this.start();
    this.browser = await launchChromium();
    return { engine, browser: this.browser };
  }

  /** The engine's file opened beside it (kept across restarts), to read what the engine recorded. */
  async file(): Promise<EngineFile> {
    this.stored ??= await openEngineFile(this.dataDir);
    return this.stored;
  }

  /** Starts the engine again on the port of the first start. */
  async start(): Promise<SiteEngine> {
    this.engine = await SiteEngine.create({ dataDir: this.dataDir, port: this.port, demo: true, token: 'restart-test-token' });
    this.port = Number(new URL(this.engine.baseUrl).port);
    return this.engine;
  }

  async stop(): Promise<void> {
    await this.engine?.close();
    this.engine = undefined;
  }

  private async close(): Promise<void> {
    await this.browser?.close();
    this.stored?.close();
    await this.stop();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
