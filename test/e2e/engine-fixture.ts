// A real site engine on the demo site (real simulator, real mediasoup worker, real SQLite file)
// in a temporary data directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SiteEngine } from '../../main/engine/node/site-engine.js';
import { launchChromium } from '../support/chromium.js';

export async function startDemoEngine(options: { escalateAfterMs?: number } = {}): Promise<{ engine: SiteEngine; cleanup: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-e2e-'));
  const engine = await SiteEngine.create({ dataDir, port: 0, demo: true, pullGraceMs: 1000, ...options });
  return {
    engine,
    cleanup: async () => {
      await engine.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The demo engine and a Chromium page at 1600x900, ready to open one of the engine's pages. */
export async function startDemoWithPage(): Promise<{ engine: SiteEngine; page: Page; close: () => Promise<void> }> {
  const { engine, cleanup } = await startDemoEngine();
  const browser = await launchChromium();
  const page = await (await browser.newContext({ viewport: { width: 1600, height: 900 } })).newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  return {
    engine,
    page,
    close: async () => {
      await browser.close();
      await cleanup();
    },
  };
}
