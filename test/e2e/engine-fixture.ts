// A real site engine on the demo site (real simulator, real mediasoup worker, real SQLite file)
// in a temporary data directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
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
