// Where and how a display's window sits. Wall displays, a workstation's desk-wall monitors and
// kiosks cover their whole display: full-screen, no frame, not movable. A console, or a workstation
// monitor without a desk wall, gets an ordinary framed window over the display's work area (the
// taskbar stays visible), maximized once shown.
import type { BrowserWindowConstructorOptions } from 'electron';
import { isDeskMonitor, type ShownAssignment } from '../common/display-config.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface DisplayLike {
  id: number;
  bounds: Rect;
  workArea: Rect;
  label?: string;
}
export type { ShownAssignment };

export function coversDisplay(assignment: ShownAssignment): boolean {
  return assignment.role === 'wall' || assignment.role === 'callbox' || isDeskMonitor(assignment);
}

/** The rectangle a window for this assignment should have on this display. */
export function targetBounds(display: DisplayLike, assignment: ShownAssignment): Rect {
  const { x, y, width, height } = coversDisplay(assignment) ? display.bounds : display.workArea;
  return { x, y, width, height };
}

export function windowTitle(assignment: ShownAssignment): string {
  if (isDeskMonitor(assignment)) return `Jharokha — desk wall ${assignment.wallId}/${assignment.displayId}`;
  switch (assignment.role) {
    case 'wall':
      return `Jharokha — wall ${assignment.wallId}/${assignment.displayId}`;
    case 'callbox':
      return `Jharokha — call box ${assignment.boxId}`;
    case 'workstation':
      return 'Jharokha — workstation';
    default:
      return 'Jharokha — console';
  }
}

export function placement(display: DisplayLike, assignment: ShownAssignment): BrowserWindowConstructorOptions {
  const covers = coversDisplay(assignment);
  return {
    ...targetBounds(display, assignment),
    frame: !covers,
    fullscreen: covers,
    // Electron's kiosk mode also keeps a street kiosk from leaving full screen.
    kiosk: assignment.role === 'callbox',
    resizable: !covers,
    movable: !covers,
    minimizable: !covers,
    skipTaskbar: covers,
  };
}

export function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}
