// Entry of the engine's Electron utility process (compiled to dist/app/engine/…/engine-main.js):
// the same SiteEngine as `jharokha serve`, started with the options the shell passes and
// reporting to it over process.parentPort. MEDIASOUP_WORKER_BIN comes from the shell's env; the
// key that seals camera credentials comes as the shell's first message (never env or argv).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SiteEngine } from '../../engine/node/site-engine.js';
import { hostEngine, keySourceFor, type ParentPortLike } from './engine-host.js';

const port = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!port) {
  process.stderr.write('engine-main runs inside the desktop app (an Electron utility process); use `jharokha serve` on its own\n');
  process.exit(2);
}
const { values } = parseArgs({
  args: process.argv.slice(1), // argv[1] may or may not be this module: positionals are ignored
  options: {
    'data-dir': { type: 'string' },
    'static-dir': { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '8080' },
    demo: { type: 'boolean', default: false },
  },
  strict: false,
});
const token = process.env.JHAROKHA_TOKEN || undefined;
delete process.env.JHAROKHA_TOKEN;

await hostEngine({
  port,
  exit: (code) => process.exit(code),
  start: (key) => {
    const dataDir = values['data-dir'];
    if (typeof dataDir !== 'string') throw new Error('--data-dir is required');
    const host = String(values.host);
    return SiteEngine.create({
      dataDir: path.resolve(dataDir),
      keySource: keySourceFor(key, path.resolve(dataDir)),
      host,
      port: Number(values.port),
      token,
      demo: values.demo === true,
      staticDir: typeof values['static-dir'] === 'string' ? values['static-dir'] : undefined,
      webrtcListenIp: host,
    });
  },
});
