// A site engine in a process of its own, for tests that kill it and start it again on the same
// port and data dir: prints one JSON line {port} once it is up.
import { SiteEngine } from '../../main/engine/node/site-engine.js';

const [dataDir, port, token] = process.argv.slice(2);
if (!dataDir || !port || !token) throw new Error('usage: site-child.ts <data-dir> <port> <token>');
const engine = await SiteEngine.create({ dataDir, port: Number(port), token, demo: false, escalateAfterMs: 3_600_000 });
process.stdout.write(`${JSON.stringify({ port: Number(new URL(engine.baseUrl).port) })}\n`);
