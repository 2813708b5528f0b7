// Stands in for the `electron` module when main-wiring*.test.ts bundle the shell's entry
// (esbuild alias). The tests read what the entry did through globalThis.__fakeElectron.
import { EventEmitter } from 'node:events';
import { display, FakeSafeStorage, FakeScreen, FakeWindow } from './fake-electron.js';

const state = {
  windows: [] as FakeWindow[],
  privileged: [] as unknown[],
  handled: new Map<string, (request: { url: string }) => Response>(),
  handlers: new Map<string, unknown>(),
  ipc: new Map<string, (event: unknown) => void>(),
  errors: [] as string[],
  userData: '',
  sandboxEnabled: false,
  forks: [] as FakeUtilityChild[],
};

export const screen = new FakeScreen([display(1, 0), display(2, 1920)]);

class FakeApp extends EventEmitter {
  isPackaged = false;
  enableSandbox(): void {
    state.sandboxEnabled = true;
  }
  requestSingleInstanceLock(): boolean {
    return true;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
    return state.userData;
  }
  quit(): void {
    this.emit('quit');
  }
  exit(code: number): void {
    state.errors.push(`exit ${code}`);
  }
}
export const app = new FakeApp();

export class BrowserWindow extends FakeWindow {
  constructor(options: ConstructorParameters<typeof FakeWindow>[0]) {
    super(options);
    state.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
}

export const dialog = { showErrorBox: (title: string, message: string) => state.errors.push(`${title}: ${message}`) };
export const ipcMain = {
  on: (channel: string, listener: (event: unknown) => void) => state.ipc.set(channel, listener),
  removeAllListeners: (channel: string) => state.ipc.delete(channel),
};
export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) => state.privileged.push(...schemes),
  handle: (scheme: string, handler: (request: { url: string }) => Response) => state.handled.set(scheme, handler),
};
const defaultSession = new EventEmitter() as EventEmitter & Record<string, unknown>;
for (const name of ['setPermissionRequestHandler', 'setPermissionCheckHandler', 'setDevicePermissionHandler']) {
  defaultSession[name] = (handler: unknown) => state.handlers.set(name, handler);
}
defaultSession.webRequest = { onHeadersReceived: (handler: unknown) => state.handlers.set('onHeadersReceived', handler) };
export const session = { defaultSession };
export const safeStorage = new FakeSafeStorage();

/** The engine's utility process: records what it was given, and answers like engine-host does. */
export class FakeUtilityChild extends EventEmitter {
  readonly posted: unknown[] = [];
  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: { env: Record<string, string | undefined> },
  ) {
    super();
  }
  postMessage(message: { type: string }): void {
    this.posted.push(message);
    const reply = (): void => {
      if (message.type === 'stop') this.emit('exit', 0);
      else this.emit('message', { type: 'ready', url: 'http://127.0.0.1:8090', token: this.options.env.JHAROKHA_TOKEN ?? 'engine-token' });
    };
    setImmediate(reply);
  }
  kill(): boolean {
    setImmediate(() => this.emit('exit', 15));
    return true;
  }
}
export const utilityProcess = {
  fork: (modulePath: string, args: string[], options: { env: Record<string, string | undefined> }) => {
    const child = new FakeUtilityChild(modulePath, args, options);
    state.forks.push(child);
    return child;
  },
};

(globalThis as Record<string, unknown>).__fakeElectron = { state, app, screen, session: defaultSession, safeStorage };
