// npm start: the engine on the demo site, then the desktop app (a window per display) where an
// Electron binary is installed; elsewhere (its binary comes from outside the npm registry, which some
// machines cannot reach) the engine stays headless and prints the console and wall URLs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../../common/logger.js';
import { serve } from '../../engine/node/cli.js';
import { repoRoot } from '../../engine/node/site-engine.js';
import { findElectronBinary } from './electron-binary.js';

const log = createLogger('start');

async function main(): Promise<void> {
  const engine = await serve(process.argv.slice(2));
  const electron = findElectronBinary();
  if (!electron) {
    log.info('no Electron binary installed (npx install-electron fetches it where reachable): running headless');
    return;
  }
  const shellMain = path.join(repoRoot, 'dist/app/main.cjs');
  if (!fs.existsSync(shellMain)) {
    log.warn('the desktop shell is not built (npm run build): running headless');
    return;
  }
  // The engine runs here under Node (node_modules' better-sqlite3 is built for Node, not for
  // Electron), so the shell is pointed at it instead of starting its own in a utility process.
  // The token and the display secret go in the environment, not on a command line every local user can read.
  const shell = spawn(electron, [shellMain, `--engine-url=${engine.baseUrl}`], {
    stdio: 'inherit',
    env: { ...process.env, JHAROKHA_TOKEN: engine.token, JHAROKHA_DISPLAY_SECRET: engine.localDisplaySecret },
  });
  shell.once('exit', (code) => {
    log.info(`desktop app closed (${code ?? 'signal'}): stopping the engine`);
    void engine.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  log.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
