// A site engine in a process of its own, for tests that kill it: one call box registered, its
// WebSocket address and key printed as one JSON line once it is up.
import { SiteEngine } from '../../../main/engine/node/site-engine.js';
import { openEngineFile } from '../../support/engine-stores.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: crash-child.ts <data-dir>');
const engine = await SiteEngine.create({
  dataDir,
  port: 0,
  demo: false,
  escalateAfterMs: 3_600_000,
  pressLimit: { presses: 1_000_000, windowMs: 1_000 },
});
const stored = await openEngineFile(dataDir);
stored.boxes.upsert({ id: 'box-crash', name: 'Crash test box', place: 'Lab', lat: 26.46, lon: 80.34 });
const key = stored.boxes.issueKey('box-crash');
stored.close();
process.stdout.write(`${JSON.stringify({ kioskUrl: `${engine.wsUrl().replace(/\?.*/, '')}?box=box-crash&key=${encodeURIComponent(key)}` })}\n`);
