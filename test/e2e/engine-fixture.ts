// A real site engine on the demo site (real simulator, real mediasoup worker, real SQLite file)
// in a temporary data directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SiteEngine } from '../../main/engine/node/site-engine.js';

export async function startDemoEngine(): Promise<{ engine: SiteEngine; cleanup: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-e2e-'));
  const engine = await SiteEngine.create({ dataDir, port: 0, demo: true, pullGraceMs: 1000 });
  return {
    engine,
    cleanup: async () => {
      await engine.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
