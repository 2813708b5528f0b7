// A workstation's extra monitors as the displays of its own "desk wall": the console's wall map
// drives them exactly as it drives the big wall. Each monitor gets a number 1, 2, 3… (the engine's
// default display ids of a wall, row by row) in physical order, left to right along a row of
// monitors, rows top to bottom. Numbers are remembered for the run, so a monitor unplugged or
// asleep does not renumber the others, and gets its own number back when it returns.

export interface BoundsLike {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedRef {
  id: number;
  /** Where the OS put the display; without bounds, displays are ordered by id. */
  bounds?: BoundsLike;
}

const nowhere: BoundsLike = { x: 0, y: 0, width: 0, height: 0 };

/**
 * Displays in rows, top to bottom, each row left to right. A display joins a row when its vertical
 * centre lies within the row's first (highest) display, so monitors of different sizes side by side,
 * or slightly offset, still count as one row.
 */
export function physicalRows<T extends PlacedRef>(displays: readonly T[]): T[][] {
  const byTop = [...displays].sort((a, b) => {
    const p = a.bounds ?? nowhere;
    const q = b.bounds ?? nowhere;
    return p.y - q.y || p.x - q.x || a.id - b.id;
  });
  const rows: Array<{ top: number; bottom: number; members: T[] }> = [];
  for (const display of byTop) {
    const b = display.bounds ?? nowhere;
    const centre = b.y + b.height / 2;
    const row = rows.find((r) => centre >= r.top && centre < r.bottom);
    if (row) row.members.push(display);
    else rows.push({ top: b.y, bottom: b.y + b.height, members: [display] });
  }
  return rows.map((r) => r.members.sort((a, b) => (a.bounds ?? nowhere).x - (b.bounds ?? nowhere).x || a.id - b.id));
}

export function physicalOrder<T extends PlacedRef>(displays: readonly T[]): T[] {
  return physicalRows(displays).flat();
}

/**
 * Hands out desk monitor numbers and remembers them for the life of the shell. A pinned number
 * (displays.json) always wins and is never handed to another monitor, attached or not. A monitor
 * keeps its number while attached and gets it back when it returns, unless a monitor plugged in
 * meanwhile took its place. A new monitor gets the lowest number no attached monitor holds.
 */
export class DeskNumbers {
  /** Electron display id → number; one display per number. */
  private readonly given = new Map<number, number>();

  assign(monitors: readonly PlacedRef[], pinned: ReadonlyMap<number, number>): Map<number, number> {
    const result = new Map<number, number>();
    const taken = new Set<number>(pinned.values());
    for (const monitor of monitors) {
      const pin = pinned.get(monitor.id);
      if (pin !== undefined) result.set(monitor.id, pin);
    }
    const fresh: PlacedRef[] = [];
    for (const monitor of physicalOrder(monitors)) {
      if (result.has(monitor.id)) continue;
      const before = this.given.get(monitor.id);
      if (before !== undefined && !taken.has(before)) {
        result.set(monitor.id, before);
        taken.add(before);
      } else {
        fresh.push(monitor);
      }
    }
    for (const monitor of fresh) {
      let n = 1;
      while (taken.has(n)) n++;
      taken.add(n);
      result.set(monitor.id, n);
      // The newcomer takes the place of whichever absent monitor had this number.
      for (const [id, number] of this.given) if (number === n) this.given.delete(id);
      this.given.set(monitor.id, n);
    }
    return result;
  }
}

/** The line an installer needs at start: which monitor is which display of the desk wall, and the wall to define. */
export function deskWallNotice(deskWall: string, monitors: ReadonlyArray<{ id: number; number: number; bounds?: BoundsLike }>): string {
  const howTo = (shape: string): string => `define a ${shape} wall '${deskWall}' on /setup → Video walls`;
  if (monitors.length === 0) {
    return `desk wall ${deskWall}: no extra monitor attached (monitors beside the console become its displays 1, 2, 3…; ${howTo('1x1 or larger')})`;
  }
  const numbered = [...monitors].sort((a, b) => a.number - b.number);
  const numbers = numbered.map((m) => m.number);
  const highest = numbers[numbers.length - 1]!;
  const contiguous = numbers.every((n, i) => n === i + 1);
  const label = contiguous && numbers.length > 1 ? `1..${highest}` : numbers.join(', ');
  // The wall's shape follows the monitors' arrangement when they are numbered in physical order and fill a grid.
  const rows = physicalRows(monitors);
  const columns = Math.max(...rows.map((r) => r.length));
  const inOrder = contiguous && rows.flat().every((m, i) => m.number === i + 1);
  const grid = inOrder && rows.every((r) => r.length === columns);
  const shape = grid ? `${columns}x${rows.length}` : `${highest}x1`;
  const plural = numbered.length > 1 ? 's' : '';
  return `desk wall ${deskWall}: monitor${plural} ${label} → Electron display${plural} ${numbered.map((m) => m.id).join(', ')}; ${howTo(shape)}`;
}

/** Said once when a workstation has extra monitors but no desk wall: each shows another console. */
export function deskWallHint(extraDisplayIds: readonly number[], pinsIgnored: boolean): string {
  const n = extraDisplayIds.length;
  const which = `display${n > 1 ? 's' : ''} ${extraDisplayIds.join(', ')}`;
  return (
    `${which} show${n > 1 ? '' : 's'} another console: to spread this workstation's layouts across ` +
    `${n > 1 ? 'them' : 'it'}, add "deskWall": "desk-01" (a wall id of your choice) beside "version" in displays.json ` +
    `and define a ${n}x1 wall with that id on /setup → Video walls` +
    (pinsIgnored ? '; the workstation entries\' displayId numbers apply only with a deskWall' : '')
  );
}
