// The desktop shell's main process, bundled to dist/app/main.cjs and started by `npm start` with
// the console URL of an engine it has already started. One secure window on the console.
// Issue 4 brings one window per display, the preload, and the engine in a utilityProcess (that
// needs better-sqlite3 rebuilt for Electron's ABI, which native/ does not do yet).
import { app, BrowserWindow, session } from 'electron';
import { denyPermissions, lockDownContents, secureWindowOptions } from './window-security.js';

const consoleUrl = process.argv.find((a) => a.startsWith('--console-url='))?.slice('--console-url='.length);
if (!consoleUrl) {
  process.stderr.write('jharokha: --console-url=<url> is required\n');
  process.exit(2);
}
const engineOrigin = new URL(consoleUrl).origin;

app.on('web-contents-created', (_event, contents) => lockDownContents(contents, engineOrigin));
app.on('window-all-closed', () => app.quit());

void app.whenReady().then(async () => {
  denyPermissions(session.defaultSession);
  const window = new BrowserWindow({ ...secureWindowOptions('Jharokha console'), width: 1600, height: 900 });
  await window.loadURL(consoleUrl);
});
