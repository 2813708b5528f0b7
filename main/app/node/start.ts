// npm start: the engine on the demo site, then the desktop app on its console where an Electron
// binary is installed; elsewhere (its binary comes from outside the npm registry, which some
// machines cannot reach) the engine stays headless and prints the console and wall URLs.
import { spawn } from 'node:child_process';
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
  const shell = spawn(electron, [path.join(repoRoot, 'dist/app/main.cjs'), `--console-url=${engine.consoleUrl()}`], {
    stdio: 'inherit',
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
