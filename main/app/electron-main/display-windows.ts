// One window per attached display, showing what displays.json (or the default) assigns to it.
// Every screen event re-runs one reconcile: a new display gets its window, a removed display's
// window closes, a display whose bounds changed gets its window moved, and a display whose
// assignment changed gets a fresh window. Electron is injected (screen, window factory).
// A workstation's extra monitors are the displays of its desk wall when displays.json names one:
// their numbers live here for the whole run (DeskNumbers), so a monitor coming or going never
// renumbers the others, and the installer is told which monitor is which each time that changes.
// A restarted engine (useEngine) may give each page another credential or address: only the
// windows whose page changed load it afresh; the others reconnect by themselves.
import type { BrowserWindowConstructorOptions } from 'electron';
import { createLogger, type Logger } from '../../../common/logger.js';
import { TypedEmitter } from '../../../common/typed-emitter.js';
import { DeskNumbers, deskWallHint, deskWallNotice } from '../common/desk-wall.js';
import { assignDisplays, assignmentKey, isDeskMonitor, type AssignedDisplay, type DisplayConfig } from '../common/display-config.js';
import { pageUrl, type EngineAddress } from '../common/page-url.js';
import type { WindowConfig } from '../common/window-config.js';
import type { LoadableWindow } from './page-loader.js';
import { coversDisplay, placement, sameRect, targetBounds, windowTitle, type DisplayLike, type Rect, type ShownAssignment } from './window-placement.js';
import { secureWindowOptions } from './window-security.js';
import { localDisplayKey } from '../../engine/node/store/machine-key.js';

const log = createLogger('displays');

export interface ShellWindow extends LoadableWindow {
  readonly webContents: LoadableWindow['webContents'] & { readonly id: number };
  setBounds(bounds: Rect): void;
  setFullScreen(flag: boolean): void;
  show(): void;
  maximize(): void;
  close(): void;
  once(event: 'ready-to-show', listener: () => void): unknown;
  once(event: 'closed', listener: () => void): unknown;
}

/** Electron's screen; the three events all lead to one reconcile, so their arguments are not read. */
export interface ScreenLike {
  getAllDisplays(): DisplayLike[];
  getPrimaryDisplay(): DisplayLike;
  on(event: 'display-added', listener: () => void): unknown;
  on(event: 'display-removed', listener: () => void): unknown;
  on(event: 'display-metrics-changed', listener: () => void): unknown;
  removeListener(event: 'display-added', listener: () => void): unknown;
  removeListener(event: 'display-removed', listener: () => void): unknown;
  removeListener(event: 'display-metrics-changed', listener: () => void): unknown;
}

export interface DisplayWindowsDeps {
  screen: ScreenLike;
  config: DisplayConfig;
  engine: EngineAddress;
  preload: string;
  openWindow(options: BrowserWindowConstructorOptions): ShellWindow;
  /** Loads the page and keeps it loaded; returns a function that stops doing so. */
  keepLoaded(window: ShellWindow, url: string): () => void;
  /** Where the installer's notes go (tests read them); the module's logger by default. */
  log?: Pick<Logger, 'info'>;
}

interface Entry {
  window: ShellWindow;
  assignment: ShownAssignment;
  url: string;
  key: string;
  bounds: Rect;
  config: WindowConfig;
  stopLoading: () => void;
}

export type DisplayWindowsEvents = { opened: [displayId: number, config: WindowConfig]; closed: [displayId: number, by: 'user' | 'screen'] };

export class DisplayWindows extends TypedEmitter<DisplayWindowsEvents> {
  static create(deps: DisplayWindowsDeps): DisplayWindows {
    const windows = new DisplayWindows(deps);
    deps.screen.on('display-added', windows.onScreenChange);
    deps.screen.on('display-removed', windows.onScreenChange);
    deps.screen.on('display-metrics-changed', windows.onScreenChange);
    windows.reconcile();
    return windows;
  }

  private readonly entries = new Map<number, Entry>();
  private readonly deskNumbers = new DeskNumbers();
  private readonly log: Pick<Logger, 'info'>;
  private lastDeskNotice: string | undefined;
  private hinted = false;
  private closed = false;
  private readonly onScreenChange = (): void => this.reconcile();
  private engine: EngineAddress;

  private constructor(private readonly deps: DisplayWindowsDeps) {
    super();
    this.log = deps.log ?? log;
    this.engine = deps.engine;
  }

  /** The engine came back with this address: a window whose page address or credential changed loads its page again. */
  useEngine(engine: EngineAddress): void {
    if (this.closed) return;
    this.engine = engine;
    for (const [id, entry] of this.entries) {
      const config = this.windowConfig(entry.assignment, id);
      const url = pageUrl(engine.url, entry.assignment);
      if (url === entry.url && config.token === entry.config.token) continue;
      entry.stopLoading();
      entry.config = config;
      entry.url = url;
      entry.stopLoading = this.deps.keepLoaded(entry.window, url);
      this.log.info(`display ${id}: loading its page again for the restarted engine`);
    }
  }

  /** The config for the page in this web contents, if it is one of our display windows. */
  configFor(webContentsId: number): WindowConfig | undefined {
    for (const entry of this.entries.values()) if (entry.window.webContents.id === webContentsId) return entry.config;
    return undefined;
  }

  get displayIds(): number[] {
    return [...this.entries.keys()];
  }

  reconcile(): void {
    if (this.closed) return;
    const displays = this.deps.screen.getAllDisplays();
    const wanted = assignDisplays(displays, this.deps.screen.getPrimaryDisplay().id, this.deps.config, this.deskNumbers);
    this.tellInstaller(displays, wanted);
    for (const [id, entry] of [...this.entries]) {
      const assignment = wanted.get(id);
      if (!assignment || assignment.role === 'off' || assignmentKey(assignment) !== entry.key) this.closeEntry(id);
    }
    for (const display of displays) {
      const assignment = wanted.get(display.id);
      if (!assignment || assignment.role === 'off') continue;
      const entry = this.entries.get(display.id);
      if (entry) this.move(entry, display, assignment);
      else this.open(display, assignment);
    }
  }

  /** The desk wall's mapping whenever it changes (at start, then as monitors come and go); without one, how to set it, once. */
  private tellInstaller(displays: readonly DisplayLike[], wanted: Map<number, AssignedDisplay>): void {
    const { deskWall } = this.deps.config;
    if (deskWall !== undefined) {
      const monitors = displays.flatMap((d) => {
        const assignment = wanted.get(d.id);
        return assignment && isDeskMonitor(assignment) ? [{ id: d.id, number: Number(assignment.displayId), bounds: d.bounds }] : [];
      });
      const notice = deskWallNotice(deskWall, monitors);
      if (notice !== this.lastDeskNotice) this.log.info(notice);
      this.lastDeskNotice = notice;
      return;
    }
    if (this.hinted) return;
    const extra = displays.filter((d) => wanted.get(d.id)?.role === 'workstation').map((d) => d.id);
    if (extra.length === 0) return;
    this.hinted = true;
    const pinsIgnored = Object.values(this.deps.config.displays).some((a) => a.role === 'workstation' && a.displayId !== undefined);
    this.log.info(deskWallHint(extra, pinsIgnored));
  }

  private open(display: DisplayLike, assignment: ShownAssignment): void {
    const base = secureWindowOptions(windowTitle(assignment), this.deps.preload);
    const window = this.deps.openWindow({ ...base, ...placement(display, assignment) });
    const config = this.windowConfig(assignment, display.id);
    const entry: Entry = {
      window,
      assignment,
      url: pageUrl(this.engine.url, assignment),
      key: assignmentKey(assignment),
      bounds: targetBounds(display, assignment),
      config,
      stopLoading: () => undefined,
    };
    this.entries.set(display.id, entry);
    window.once('ready-to-show', () => {
      window.show();
      if (!coversDisplay(assignment)) window.maximize();
    });
    window.once('closed', () => {
      entry.stopLoading();
      // Closed by the operator or the OS: forgotten; the next screen change opens it again (a wall must not stay dark).
      if (this.entries.get(display.id) === entry) {
        this.entries.delete(display.id);
        this.safeEmit('closed', display.id, 'user');
      }
    });
    entry.stopLoading = this.deps.keepLoaded(window, entry.url);
    this.log.info(`display ${display.id} (${display.label ?? 'unnamed'}): ${entry.key}`);
    this.safeEmit('opened', display.id, config);
  }

  private windowConfig(assignment: ShownAssignment, displayId: number): WindowConfig {
    return { engineUrl: new URL(this.engine.url).origin, token: this.credential(assignment), displayId: String(displayId), role: assignment.role };
  }

  /** A kiosk's credential is its box key, a wall display's its display's key: neither sees the site token. */
  private credential(assignment: ShownAssignment): string {
    if (assignment.role === 'callbox') return assignment.key;
    const shown = assignment.role === 'wall' || isDeskMonitor(assignment) ? assignment : undefined;
    if (!shown) return this.engine.token;
    if ('key' in shown && shown.key) return shown.key;
    const { displaySecret } = this.engine;
    if (displaySecret) return localDisplayKey(Buffer.from(displaySecret, 'base64url'), shown.wallId, shown.displayId);
    // An engine elsewhere that handed no secret: the display needs the key an installer issued it, in displays.json.
    log.error(`display ${shown.wallId}/${shown.displayId} has no key: add "key" (issued on /setup → Video walls) to its entry in displays.json`);
    return this.engine.token;
  }

  private move(entry: Entry, display: DisplayLike, assignment: ShownAssignment): void {
    const bounds = targetBounds(display, assignment);
    if (sameRect(bounds, entry.bounds)) return;
    entry.bounds = bounds;
    if (entry.window.isDestroyed()) return;
    // A full-screen window keeps its old size until it leaves full screen.
    const covers = coversDisplay(assignment);
    if (covers) entry.window.setFullScreen(false);
    entry.window.setBounds(bounds);
    if (covers) entry.window.setFullScreen(true);
  }

  private closeEntry(displayId: number): void {
    const entry = this.entries.get(displayId);
    if (!entry) return;
    this.entries.delete(displayId);
    entry.stopLoading();
    if (!entry.window.isDestroyed()) entry.window.close();
    this.safeEmit('closed', displayId, 'screen');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.deps.screen.removeListener('display-added', this.onScreenChange);
    this.deps.screen.removeListener('display-removed', this.onScreenChange);
    this.deps.screen.removeListener('display-metrics-changed', this.onScreenChange);
    for (const id of [...this.entries.keys()]) this.closeEntry(id);
    this.removeAllListeners();
  }
}
