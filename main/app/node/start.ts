// npm start. The Electron shell (one window per display, engine in a utilityProcess) is issue 4;
// until it lands, and wherever no Electron binary is installed (its binary is downloaded from
// outside the npm registry, which some machines cannot reach), the engine runs headless on the
// demo site and prints the console and wall URLs to open in Chromium.
import { createLogger } from '../../../common/logger.js';
import { serve } from '../../engine/node/cli.js';
import { findElectronBinary } from './electron-binary.js';

const log = createLogger('start');

const electron = findElectronBinary();
log.info(
  electron
    ? `Electron found at ${electron}, but the desktop shell is not built yet (issue 4): running headless`
    : 'no Electron binary installed: running the site engine headless',
);
serve(process.argv.slice(2)).catch((error: unknown) => {
  log.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
