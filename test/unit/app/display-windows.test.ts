import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DisplayConfig } from '../../../main/app/common/display-config.js';
import { DisplayWindows } from '../../../main/app/electron-main/display-windows.js';
import { localDisplayKey } from '../../../main/engine/node/store/machine-key.js';
import { display, FakeScreen, FakeWindow } from './fake-electron.js';

const displaySecret = Buffer.alloc(32, 7).toString('base64url');
const engine = { url: 'http://127.0.0.1:8080', token: 'site-token', displaySecret };
const displayKey = (wallId: string, displayId: string): string => localDisplayKey(Buffer.from(displaySecret, 'base64url'), wallId, displayId);

function start(screen: FakeScreen, displays: DisplayConfig['displays'] = {}, deskWall?: string) {
  const opened: FakeWindow[] = [];
  const logged: string[] = [];
  const stopped: string[] = [];
  const windows = DisplayWindows.create({
    screen,
    config: { version: 1, displays, ...(deskWall ? { deskWall } : {}) },
    engine,
    log: { info: (line) => logged.push(line) },
    preload: '/app/preload.cjs',
    openWindow: (options) => {
      const window = new FakeWindow(options);
      opened.push(window);
      return window;
    },
    keepLoaded: (window, url) => {
      void window.loadURL(url);
      return () => stopped.push(url);
    },
  });
  return { windows, opened, logged, stopped };
}

const path = (window: FakeWindow): string => new URL(window.loaded[0]!).pathname;
const live = (opened: FakeWindow[]): FakeWindow[] => opened.filter((w) => !w.destroyed);

describe('display windows', () => {
  it('a wall window given a key in displays.json uses it; a desk monitor gets its desk wall display\'s key', () => {
    const screen = new FakeScreen([display(1, 0), display(2, 1920), display(3, 3840)]);
    const { windows, opened } = start(screen, { '2': { role: 'wall', wallId: 'main', displayId: '1', key: 'issued-key' } }, 'desk-01');
    const tokens = opened.map((w) => [path(w), windows.configFor(w.webContents.id)?.token]);
    assert.deepEqual(tokens, [
      ['/console', 'site-token'],
      ['/wall/main/1', 'issued-key'],
      ['/wall/desk-01/1', displayKey('desk-01', '1')],
    ]);
  });

  it('by default shows the console on the primary display and workstation monitors on the others', () => {
    const screen = new FakeScreen([display(1, 0), display(2, 1920), display(3, 3840)], 2);
    const { windows, opened } = start(screen);
    assert.equal(opened.length, 3);
    assert.deepEqual(
      opened.map((w) => [w.options.x, new URL(w.loaded[0]!).pathname]),
      [
        [0, '/console'],
        [1920, '/console'],
        [3840, '/console'],
      ],
    );
    assert.equal(windows.configFor(opened[1]!.webContents.id)?.role, 'console');
    assert.equal(windows.configFor(opened[0]!.webContents.id)?.role, 'workstation');
    assert.equal(windows.configFor(opened[2]!.webContents.id)?.role, 'workstation');
  });

  it('places a wall display full-screen and frameless over the whole display, a console framed over the work area', () => {
    const screen = new FakeScreen([display(1, 0), display(7, 1920, 3840, 2160)]);
    const { windows, opened } = start(screen, { '7': { role: 'wall', wallId: 'main', displayId: '2' } });
    const [consoleWindow, wallWindow] = opened;
    assert.deepEqual(
      { x: wallWindow!.options.x, y: wallWindow!.options.y, w: wallWindow!.options.width, h: wallWindow!.options.height },
      { x: 1920, y: 0, w: 3840, h: 2160 },
    );
    assert.equal(wallWindow!.options.fullscreen, true);
    assert.equal(wallWindow!.options.frame, false);
    assert.equal(wallWindow!.options.movable, false);
    assert.equal(new URL(wallWindow!.loaded[0]!).pathname, '/wall/main/2');
    assert.equal(new URL(wallWindow!.loaded[0]!).search, '', 'the token goes through the preload, not the address');
    assert.equal(windows.configFor(wallWindow!.webContents.id)?.token, displayKey('main', '2'), 'a wall window holds its own display\'s key, not the site token');
    assert.equal(windows.configFor(consoleWindow!.webContents.id)?.token, 'site-token');

    assert.equal(consoleWindow!.options.frame, true);
    assert.equal(consoleWindow!.options.fullscreen, false);
    assert.equal(consoleWindow!.options.height, 1040, 'the work area leaves the taskbar visible');
    consoleWindow!.emit('ready-to-show');
    wallWindow!.emit('ready-to-show');
    assert.deepEqual(consoleWindow!.calls, ['show', 'maximize']);
    assert.deepEqual(wallWindow!.calls, ['show']);
  });

  it('a restarted engine: a window whose key or address changed loads its page again, the others keep theirs', () => {
    const screen = new FakeScreen([display(1, 0), display(2, 1920), display(3, 3840)]);
    const { windows, opened, stopped } = start(screen, {
      '2': { role: 'wall', wallId: 'main', displayId: '1' },
      '3': { role: 'wall', wallId: 'main', displayId: '2', key: 'issued-key' },
    });
    const fresh = Buffer.alloc(32, 8).toString('base64url');
    windows.useEngine({ ...engine, displaySecret: fresh });
    assert.deepEqual(opened.map((w) => w.loaded.length), [1, 2, 1], 'only the wall whose key derives from the secret reloads');
    assert.deepEqual(stopped, ['http://127.0.0.1:8080/wall/main/1']);
    assert.equal(windows.configFor(opened[1]!.webContents.id)?.token, localDisplayKey(Buffer.from(fresh, 'base64url'), 'main', '1'));

    windows.useEngine({ url: 'http://127.0.0.1:8181', token: 'new-token', displaySecret: fresh });
    assert.deepEqual(
      opened.map((w) => w.loaded.at(-1)),
      ['http://127.0.0.1:8181/console', 'http://127.0.0.1:8181/wall/main/1', 'http://127.0.0.1:8181/wall/main/2'],
    );
    assert.deepEqual(windows.configFor(opened[0]!.webContents.id), { engineUrl: 'http://127.0.0.1:8181', token: 'new-token', displayId: '1', role: 'console' });
    windows.close();
    windows.useEngine(engine);
    assert.deepEqual(opened.map((w) => w.loaded.length), [2, 3, 2], 'closed: nothing loads');
  });

  it('gives every window the secure web preferences and the preload', () => {
    const { opened } = start(new FakeScreen([display(1, 0), display(2, 1920)]), { '2': { role: 'wall', wallId: 'main', displayId: '1' } });
    for (const window of opened) {
      const prefs = window.options.webPreferences!;
      assert.equal(prefs.preload, '/app/preload.cjs');
      assert.equal(prefs.contextIsolation, true);
      assert.equal(prefs.sandbox, true);
      assert.equal(prefs.nodeIntegration, false);
      assert.equal(prefs.webSecurity, true);
      assert.equal(window.options.show, false, 'shown on ready-to-show, never as a blank frame');
    }
  });

  it('opens a window when a display is added and closes it when the display is removed', () => {
    const screen = new FakeScreen([display(1, 0)]);
    const { windows, opened } = start(screen, { '5': { role: 'wall', wallId: 'main', displayId: '3' } });
    const events: string[] = [];
    windows.on('opened', (id, config) => events.push(`opened ${id} ${config.role}`));
    windows.on('closed', (id, by) => events.push(`closed ${id} by ${by}`));

    screen.add(display(5, 1920));
    assert.equal(opened.length, 2);
    assert.equal(new URL(opened[1]!.loaded[0]!).pathname, '/wall/main/3');
    assert.deepEqual(windows.displayIds.sort(), [1, 5]);

    screen.remove(5);
    assert.equal(opened[1]!.destroyed, true);
    assert.deepEqual(windows.displayIds, [1]);
    assert.deepEqual(events, ['opened 5 wall', 'closed 5 by screen']);
  });

  it('moves a window whose display changed bounds, leaving and re-entering full screen for a wall', () => {
    const screen = new FakeScreen([display(1, 0), display(2, 1920)]);
    const { opened } = start(screen, { '2': { role: 'wall', wallId: 'main', displayId: '1' } });
    screen.change(display(2, 1920, 2560, 1440));
    assert.deepEqual(opened[1]!.calls, ['setFullScreen false', 'setBounds 1920,0 2560x1440', 'setFullScreen true']);
    screen.change(display(2, 1920, 2560, 1440));
    assert.equal(opened[1]!.calls.length, 3, 'unchanged bounds: nothing done');
    assert.equal(opened[0]!.calls.length, 0, 'the other display is left alone');
  });

  it('reopens the console on the new primary when the primary display goes away', () => {
    const screen = new FakeScreen([display(1, 0), display(2, 1920)], 1);
    const { windows, opened } = start(screen);
    screen.primaryId = 2;
    screen.remove(1);
    assert.equal(opened[0]!.destroyed, true);
    assert.equal(opened[1]!.destroyed, true, 'display 2 was a workstation: its window is replaced');
    const current = opened.filter((w) => !w.destroyed);
    assert.equal(current.length, 1);
    assert.equal(windows.configFor(current[0]!.webContents.id)?.role, 'console');
    assert.equal(windows.configFor(current[0]!.webContents.id)?.displayId, '2');
  });

  it('hands a kiosk its box key, never the site token, and opens nothing on a display mapped off', () => {
    const screen = new FakeScreen([display(1, 0), display(2, 1920)]);
    const { windows, opened } = start(screen, {
      '1': { role: 'callbox', boxId: 'box-7', key: 'box-key' },
      '2': { role: 'off' },
    });
    assert.equal(opened.length, 1);
    const url = new URL(opened[0]!.loaded[0]!);
    assert.equal(url.pathname, '/callbox/box-7');
    assert.equal(url.search, '', 'the box key goes through the preload, not the address');
    assert.equal(opened[0]!.options.kiosk, true);
    assert.deepEqual(windows.configFor(opened[0]!.webContents.id), {
      engineUrl: 'http://127.0.0.1:8080',
      token: 'box-key',
      displayId: '1',
      role: 'callbox',
    });
  });

  it('forgets a window the operator closed, and close() is idempotent and stops following the screen', () => {
    const screen = new FakeScreen([display(1, 0), display(2, 1920)]);
    const { windows, opened } = start(screen);
    const closedBy: string[] = [];
    windows.on('closed', (_id, by) => closedBy.push(by));
    opened[1]!.close();
    assert.deepEqual(closedBy, ['user']);
    assert.deepEqual(windows.displayIds, [1]);
    windows.close();
    windows.close();
    assert.equal(opened[0]!.destroyed, true);
    screen.add(display(3, 3840));
    assert.equal(opened.length, 2, 'no window opens after close');
    assert.equal(screen.listenerCount('display-added'), 0);
  });

  it('with a desk wall, extra monitors show its displays 1..n left to right, full-screen and frameless, as the workstation', () => {
    // Listed out of order, one monitor left of the primary.
    const screen = new FakeScreen([display(1, 0), display(4, 3840, 2560, 1440), display(2, -1920), display(3, 1920)], 1);
    const { windows, opened, logged } = start(screen, {}, 'desk-01');
    assert.deepEqual(
      opened.map((w) => [w.options.x, path(w)]),
      [
        [0, '/console'],
        [3840, '/wall/desk-01/3'],
        [-1920, '/wall/desk-01/1'],
        [1920, '/wall/desk-01/2'],
      ],
    );
    const desk = opened[1]!;
    assert.equal(new URL(desk.loaded[0]!).search, '', 'the token goes through the preload, not the address');
    assert.deepEqual(
      { x: desk.options.x, y: desk.options.y, w: desk.options.width, h: desk.options.height },
      { x: 3840, y: 0, w: 2560, h: 1440 },
      'the whole display, not the work area',
    );
    assert.equal(desk.options.fullscreen, true);
    assert.equal(desk.options.frame, false);
    assert.equal(desk.options.movable, false);
    assert.equal(desk.options.resizable, false);
    assert.equal(desk.options.kiosk, false, 'the operator can still leave it; only a street kiosk is locked');
    assert.equal(desk.options.title, 'Jharokha — desk wall desk-01/3');
    assert.equal(desk.options.webPreferences?.sandbox, true);
    assert.deepEqual(windows.configFor(desk.webContents.id), { engineUrl: 'http://127.0.0.1:8080', token: displayKey('desk-01', '3'), displayId: '4', role: 'workstation' });
    desk.emit('ready-to-show');
    assert.deepEqual(desk.calls, ['show'], 'full screen: not maximized');

    const consoleWindow = opened[0]!;
    assert.equal(consoleWindow.options.frame, true);
    assert.equal(windows.configFor(consoleWindow.webContents.id)?.role, 'console');
    assert.ok(
      logged.includes("desk wall desk-01: monitors 1..3 → Electron displays 2, 3, 4; define a 3x1 wall 'desk-01' on /setup → Video walls"),
      logged.join('\n'),
    );
  });

  it('a desk monitor removed and plugged back gets its number again; the others keep their windows and numbers', () => {
    const screen = new FakeScreen([display(1, 0), display(2, 1920), display(3, 3840), display(4, 5760)], 1);
    const { opened, logged } = start(screen, {}, 'desk-01');
    const [, one, two, three] = opened;
    screen.remove(3);
    assert.equal(two!.destroyed, true);
    // The OS closes the gap: monitor 3 moves left; it is moved, not renumbered.
    screen.change(display(4, 3840));
    assert.equal(one!.destroyed, false);
    assert.equal(three!.destroyed, false);
    assert.deepEqual(three!.calls, ['setFullScreen false', 'setBounds 3840,0 1920x1080', 'setFullScreen true']);
    assert.equal(opened.length, 4, 'no window replaced');

    screen.add(display(3, 5760));
    assert.equal(opened.length, 5);
    assert.equal(path(opened[4]!), '/wall/desk-01/2');
    assert.deepEqual(live(opened).map(path).sort(), ['/console', '/wall/desk-01/1', '/wall/desk-01/2', '/wall/desk-01/3']);
    assert.deepEqual(
      logged.filter((line) => line.startsWith('desk wall')),
      [
        "desk wall desk-01: monitors 1..3 → Electron displays 2, 3, 4; define a 3x1 wall 'desk-01' on /setup → Video walls",
        "desk wall desk-01: monitors 1, 3 → Electron displays 2, 4; define a 3x1 wall 'desk-01' on /setup → Video walls",
        "desk wall desk-01: monitors 1..3 → Electron displays 2, 3, 4; define a 3x1 wall 'desk-01' on /setup → Video walls",
      ],
      'said at start and each time the mapping changes, not on every screen event',
    );
  });

  it('a pinned desk monitor shows its own number wherever it sits', () => {
    const screen = new FakeScreen([display(1, 0), display(2, 1920), display(3, 3840)], 1);
    const { opened } = start(screen, { '3': { role: 'workstation', displayId: '1' } }, 'desk-01');
    assert.deepEqual(opened.map(path), ['/console', '/wall/desk-01/2', '/wall/desk-01/1']);
  });

  it('without a desk wall, extra monitors show the console as before, and the installer is told once how to set one', () => {
    const screen = new FakeScreen([display(1, 0), display(2, 1920)], 1);
    const { windows, opened, logged } = start(screen);
    screen.add(display(3, 3840));
    assert.deepEqual(opened.map(path), ['/console', '/console', '/console']);
    assert.equal(opened[1]!.options.frame, true);
    assert.equal(opened[1]!.options.fullscreen, false);
    assert.equal(windows.configFor(opened[2]!.webContents.id)?.role, 'workstation');
    const hints = logged.filter((line) => line.includes('deskWall'));
    assert.equal(hints.length, 1, logged.join('\n'));
    assert.match(hints[0]!, /^display 2 shows another console: .*"deskWall": "desk-01"/);
  });
});
