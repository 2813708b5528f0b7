// A workstation's extra monitors as its desk wall: which monitor gets which number (physical
// order, pins, numbers kept while monitors come and go) and what the installer is told.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeskNumbers, deskWallHint, deskWallNotice, physicalOrder, physicalRows, type PlacedRef } from '../../../main/app/common/desk-wall.js';
import { assignDisplays, type AssignedDisplay, type DisplayConfig } from '../../../main/app/common/display-config.js';

function at(id: number, x: number, y = 0, width = 1920, height = 1080): PlacedRef {
  return { id, bounds: { x, y, width, height } };
}

const pages = (assigned: Map<number, AssignedDisplay>): Record<number, string> =>
  Object.fromEntries(
    [...assigned].map(([id, a]) => [id, 'wallId' in a ? `${a.role} ${a.wallId}/${a.displayId}` : a.role]),
  );

describe('desk wall numbering', () => {
  it('numbers the extra monitors 1..n left to right by bounds, whatever order the OS lists them in, and leaves the console alone', () => {
    const config: DisplayConfig = { version: 1, deskWall: 'desk-01', displays: {} };
    const displays = [at(40, 5760), at(10, 0), at(30, 3840), at(50, -1920), at(20, 1920)];
    assert.deepEqual(pages(assignDisplays(displays, 10, config)), {
      10: 'console',
      50: 'workstation desk-01/1',
      20: 'workstation desk-01/2',
      30: 'workstation desk-01/3',
      40: 'workstation desk-01/4',
    });
  });

  it('reads rows top to bottom, each left to right; monitors of different sizes or offsets side by side are one row', () => {
    // Row 1: a 1920x1080 and a taller 2560x1440 set 120 px higher; row 2: two monitors below them.
    const displays = [at(4, 1920, 1080), at(2, 1920, -120, 2560, 1440), at(3, 0, 1080), at(1, 0, 0)];
    assert.deepEqual(physicalOrder(displays).map((d) => d.id), [1, 2, 3, 4]);
    assert.deepEqual(physicalRows(displays).map((row) => row.map((d) => d.id)), [[1, 2], [3, 4]]);
    assert.deepEqual(physicalOrder([{ id: 9 }, { id: 3 }]).map((d) => d.id), [3, 9], 'without bounds: by id');
  });

  it('a pinned number wins and is never handed to another monitor, attached or not', () => {
    const config: DisplayConfig = {
      version: 1,
      deskWall: 'desk-01',
      displays: { '30': { role: 'workstation', displayId: '1' }, '99': { role: 'workstation', displayId: '3' } },
    };
    const displays = [at(10, 0), at(20, 1920), at(30, 3840), at(40, 5760)];
    assert.deepEqual(pages(assignDisplays(displays, 10, config)), {
      10: 'console',
      20: 'workstation desk-01/2',
      30: 'workstation desk-01/1',
      40: 'workstation desk-01/4',
    });
  });

  it('an explicitly listed workstation monitor joins the desk wall; wall, console and off entries do not', () => {
    const config: DisplayConfig = {
      version: 1,
      deskWall: 'desk-01',
      displays: { '20': { role: 'wall', wallId: 'main', displayId: '1' }, '30': { role: 'off' }, '40': { role: 'workstation' }, '50': { role: 'console' } },
    };
    const displays = [at(10, 0), at(20, 1920), at(30, 3840), at(40, 5760), at(50, 7680), at(60, 9600)];
    assert.deepEqual(pages(assignDisplays(displays, 10, config)), {
      10: 'console',
      20: 'wall main/1',
      30: 'off',
      40: 'workstation desk-01/1',
      50: 'console',
      60: 'workstation desk-01/2',
    });
  });

  it('without a desk wall, extra monitors stay workstation consoles as before and pinned numbers are ignored', () => {
    const config: DisplayConfig = { version: 1, displays: { '30': { role: 'workstation', displayId: '2' } } };
    assert.deepEqual([...assignDisplays([at(10, 0), at(20, 1920), at(30, 3840)], 10, config)], [
      [10, { role: 'console' }],
      [20, { role: 'workstation' }],
      [30, { role: 'workstation' }],
    ]);
  });

  it('a monitor unplugged and plugged back keeps its number; the others never move, even when the OS shifts their bounds', () => {
    const numbers = new DeskNumbers();
    const none = new Map<number, number>();
    assert.deepEqual([...numbers.assign([at(3, 3840), at(1, 0), at(2, 1920)], none)].sort(), [[1, 1], [2, 2], [3, 3]]);
    // Monitor 1 unplugged; the OS closes the gap, so the others now start at x = 0.
    assert.deepEqual([...numbers.assign([at(2, 0), at(3, 1920)], none)].sort(), [[2, 2], [3, 3]]);
    assert.deepEqual([...numbers.assign([at(2, 1920), at(3, 3840), at(1, 0)], none)].sort(), [[1, 1], [2, 2], [3, 3]]);
  });

  it('a monitor plugged in while another is away takes the free place; the one coming back then gets the next free number', () => {
    const numbers = new DeskNumbers();
    const none = new Map<number, number>();
    numbers.assign([at(1, 0), at(2, 1920), at(3, 3840)], none);
    assert.deepEqual([...numbers.assign([at(1, 0), at(3, 3840), at(7, 1920)], none)].sort(), [[1, 1], [3, 3], [7, 2]]);
    assert.deepEqual([...numbers.assign([at(1, 0), at(3, 3840), at(7, 1920), at(2, 5760)], none)].sort(), [[1, 1], [2, 4], [3, 3], [7, 2]]);
  });
});

describe('what the installer is told', () => {
  it('names each number\'s Electron display and the wall to define, shaped like the monitors', () => {
    const row = [{ id: 12, number: 2, bounds: at(0, 1920).bounds }, { id: 11, number: 1, bounds: at(0, 0).bounds }, { id: 13, number: 3, bounds: at(0, 3840).bounds }];
    assert.equal(
      deskWallNotice('desk-01', row),
      "desk wall desk-01: monitors 1..3 → Electron displays 11, 12, 13; define a 3x1 wall 'desk-01' on /setup → Video walls",
    );
    const square = [at(1, 0), at(2, 1920), at(3, 0, 1080), at(4, 1920, 1080)].map((d) => ({ ...d, number: d.id }));
    assert.match(deskWallNotice('desk-02', square), /define a 2x2 wall 'desk-02'/);
  });

  it('says plainly when numbers have gaps or no extra monitor is attached', () => {
    const gap = [{ id: 11, number: 1, bounds: at(0, 0).bounds }, { id: 13, number: 3, bounds: at(0, 3840).bounds }];
    assert.equal(deskWallNotice('desk-01', gap), "desk wall desk-01: monitors 1, 3 → Electron displays 11, 13; define a 3x1 wall 'desk-01' on /setup → Video walls");
    assert.match(deskWallNotice('desk-01', []), /^desk wall desk-01: no extra monitor attached/);
  });

  it('without a desk wall, says how to set one', () => {
    assert.equal(
      deskWallHint([20, 30], false),
      'displays 20, 30 show another console: to spread this workstation\'s layouts across them, add "deskWall": "desk-01" (a wall id of your choice) beside "version" in displays.json and define a 2x1 wall with that id on /setup → Video walls',
    );
    assert.match(deskWallHint([20], true), /^display 20 shows another console: .* across it, .*apply only with a deskWall$/);
  });
});
