import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DisplayConfig } from '../../../main/app/common/display-config.js';
import { DisplayWindows } from '../../../main/app/electron-main/display-windows.js';
import { display, FakeScreen, FakeWindow } from './fake-electron.js';

const engine = { url: 'http://127.0.0.1:8080', token: 'site-token' };

function start(screen: FakeScreen, displays: DisplayConfig['displays'] = {}) {
  const opened: FakeWindow[] = [];
  const windows = DisplayWindows.create({
    screen,
    config: { version: 1, displays },
    engine,
    preload: '/app/preload.cjs',
    openWindow: (options) => {
      const window = new FakeWindow(options);
      opened.push(window);
      return window;
    },
    keepLoaded: (window, url) => {
      void window.loadURL(url);
      return () => undefined;
    },
  });
  return { windows, opened };
}

describe('display windows', () => {
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
    assert.equal(windows.configFor(wallWindow!.webContents.id)?.token, 'site-token');

    assert.equal(consoleWindow!.options.frame, true);
    assert.equal(consoleWindow!.options.fullscreen, false);
    assert.equal(consoleWindow!.options.height, 1040, 'the work area leaves the taskbar visible');
    consoleWindow!.emit('ready-to-show');
    wallWindow!.emit('ready-to-show');
    assert.deepEqual(consoleWindow!.calls, ['show', 'maximize']);
    assert.deepEqual(wallWindow!.calls, ['show']);
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
});
