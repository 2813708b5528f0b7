// The desktop shell's main process, bundled to dist/app/main.cjs: the only file here that
// imports electron at run time; everything it wires is tested against fakes (test/unit/app).
// One window per display (displays.json in userData; a workstation's extra monitors are the
// displays of its desk wall when the file names one), a preload that hands each page
// {engineUrl, token, displayId, role}, the engine in a utilityProcess unless --engine-url names
// a running one (`npm start`: better-sqlite3 in node_modules is built for Node, not Electron),
// forked again whenever it crashes (EngineKeeper).
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, screen, session, utilityProcess } from 'electron';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../../common/logger.js';
import type { EngineAddress } from '../common/page-url.js';
import { readDisplayConfig } from '../node/display-config-file.js';
import { mediasoupWorkerBin } from '../node/worker-bin.js';
import { appSchemePrivileges, handleAppProtocol, UNREACHABLE_URL } from './app-protocol.js';
import { enforceCsp } from './content-security.js';
import { DisplayWindows } from './display-windows.js';
import { loadEngineKey } from './engine-key.js';
import { EngineKeeper } from './engine-keeper.js';
import { serveWindowConfig } from './ipc-guard.js';
import { keepLoaded } from './page-loader.js';
import { limitPermissions } from './permissions.js';
import { parseShellArgs, type EngineChoice } from './shell-args.js';
import { engineOnly, lockDownContents, refuseDownloads } from './window-security.js';

const log = createLogger('shell');
const appRoot = path.resolve(__dirname, '../..'); // dist/app/main.cjs → the checkout, or app.asar
let choice: EngineChoice;
try {
  choice = parseShellArgs(process.argv, process.env);
} catch (error) {
  process.stderr.write(`jharokha: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
// No child of this process needs to inherit them.
delete process.env.JHAROKHA_TOKEN;
delete process.env.JHAROKHA_DISPLAY_SECRET;

let engineOrigin: string | undefined;
const currentOrigin = (): string | undefined => engineOrigin;
let engine: EngineKeeper | undefined;
let windows: DisplayWindows | undefined;
let lastCloseBy: 'user' | 'screen' = 'user';

protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
app.enableSandbox();

app.on('web-contents-created', (_event, contents) => lockDownContents(contents, engineOnly(currentOrigin)));
// A wall PC whose monitors are all unplugged keeps running and reopens windows when they return.
app.on('window-all-closed', () => {
  if (lastCloseBy === 'user') app.quit();
});
app.on('before-quit', (event) => {
  windows?.close();
  if (!engine || engine.stopped) return;
  event.preventDefault();
  void engine.close().finally(() => app.quit());
});

async function startEngine(): Promise<EngineAddress> {
  if (choice.kind === 'external') return choice.address;
  const workerBin = mediasoupWorkerBin({
    env: process.env,
    platform: process.platform,
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appRoot,
    exists: fs.existsSync,
  });
  const dataDir = path.join(app.getPath('userData'), 'engine');
  // After 'ready': safeStorage (and on Linux its keyring backend) is known only then.
  const key = await loadEngineKey({ safeStorage, dataDir, platform: process.platform });
  // One token for every start of this run: a console page reconnects to a restarted engine as it is.
  const token = choice.token ?? randomBytes(24).toString('base64url');
  engine = await EngineKeeper.create({
    engine: {
      fork: (modulePath, args, options) => utilityProcess.fork(modulePath, args, options),
      entry: path.join(__dirname, 'engine', 'main', 'app', 'node', 'engine-main.js'),
      args: [
        `--data-dir=${dataDir}`,
        `--static-dir=${path.join(appRoot, 'dist', 'renderer')}`,
        `--host=${choice.host}`,
        `--port=${choice.port}`,
        ...(choice.demo ? ['--demo'] : []),
      ],
      env: { ...process.env, JHAROKHA_TOKEN: token, ...(workerBin ? { MEDIASOUP_WORKER_BIN: workerBin } : {}) },
      key,
    },
  });
  // A new display secret at every start (and a new port where the port is 0): the windows follow.
  engine.on('restarted', (address) => {
    engineOrigin = new URL(address.url).origin;
    windows?.useEngine(address);
  });
  return engine.address;
}

async function start(): Promise<void> {
  handleAppProtocol(protocol);
  const ses = session.defaultSession;
  limitPermissions(ses, currentOrigin);
  enforceCsp(ses, currentOrigin);
  refuseDownloads(ses);
  serveWindowConfig(ipcMain, (id) => windows?.configFor(id), currentOrigin);

  const address = await startEngine();
  engineOrigin = new URL(address.url).origin;
  const configFile = path.join(app.getPath('userData'), 'displays.json');
  const { config, problem } = readDisplayConfig(configFile);
  if (problem) log.error(`display mapping not used, showing the default: ${problem}`);
  for (const d of screen.getAllDisplays()) {
    log.info(`display ${d.id} "${d.label}" at ${d.bounds.x},${d.bounds.y} ${d.bounds.width}x${d.bounds.height} (map it in ${configFile})`);
  }
  windows = DisplayWindows.create({
    screen,
    config,
    engine: address,
    preload: path.join(__dirname, 'preload.cjs'),
    openWindow: (options) => new BrowserWindow(options),
    keepLoaded: (window, url) => keepLoaded(window, url, { fallbackUrl: UNREACHABLE_URL }),
  });
  windows.on('closed', (_displayId, by) => (lastCloseBy = by));
}

// A second copy would open a second window on every display: it leaves at once.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      log.error(`the desktop app could not start: ${message}`);
      dialog.showErrorBox('Jharokha could not start', message);
      app.exit(1);
    });
}
