// What each monitor attached to this PC shows, kept in `<userData>/displays.json` so an installer
// can map a wall without rebuilding anything. Electron display ids are the keys (the app logs the
// ids and bounds it sees at start). A display not listed gets the default: the primary display
// is the console, every other one a workstation monitor. With `deskWall` set, the workstation
// monitors are the displays of that wall (numbered 1, 2, 3… in physical order, see desk-wall.ts),
// so the console's wall map drives them as it drives the big wall; without it each shows another
// console, as before.
import { z } from 'zod';
import { BoxId } from '../../../common/domain/alert.js';
import { WallDisplayRef } from '../../../common/domain/wall.js';
import { DeskNumbers, type PlacedRef } from './desk-wall.js';

/** A desk monitor's number, as the engine names a wall's displays by default: "1", "2", … */
export const DeskNumber = z.string().regex(/^[1-9]\d{0,2}$/, 'a desk monitor number is "1", "2", "3"…');

export const DisplayAssignment = z.discriminatedUnion('role', [
  z.object({ role: z.literal('console') }).strict(),
  // displayId pins the monitor's number in the desk wall (only used when deskWall is set).
  z.object({ role: z.literal('workstation'), displayId: DeskNumber.optional() }).strict(),
  // key: the display's key an installer issued, for an engine on another machine (this machine's own engine hands its windows theirs).
  WallDisplayRef.extend({ role: z.literal('wall'), key: z.string().min(1).max(512).optional() }).strict(),
  // A street kiosk PC: the box's key is its credential, so the file is written owner-only.
  z.object({ role: z.literal('callbox'), boxId: BoxId, key: z.string().min(1).max(512) }).strict(),
  z.object({ role: z.literal('off') }).strict(),
]);
export type DisplayAssignment = z.infer<typeof DisplayAssignment>;
export type WindowRole = Exclude<DisplayAssignment['role'], 'off'>;

export const DisplayConfig = z
  .object({
    version: z.literal(1),
    /** The wall (defined on the engine, /setup → Video walls) whose displays this workstation's extra monitors are. */
    deskWall: WallDisplayRef.shape.wallId.optional(),
    /** Electron display id (decimal) → what it shows. */
    displays: z.record(z.string().regex(/^\d+$/, 'display ids are Electron display ids (digits)'), DisplayAssignment),
  })
  .strict()
  .superRefine((config, ctx) => {
    // Two monitors on one page of the desk wall would show the same tiles: refuse rather than guess.
    const seen = new Map<string, string>();
    for (const [id, entry] of Object.entries(config.displays)) {
      if (entry.role !== 'workstation' || entry.displayId === undefined) continue;
      const other = seen.get(entry.displayId);
      if (other !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['displays', id, 'displayId'], message: `desk monitor ${entry.displayId} is also pinned on display ${other}` });
      }
      seen.set(entry.displayId, id);
    }
  });
export type DisplayConfig = z.infer<typeof DisplayConfig>;

export const defaultDisplayConfig: DisplayConfig = { version: 1, displays: {} };

/** A workstation monitor showing one display of the workstation's desk wall. */
export type DeskMonitor = { role: 'workstation' } & WallDisplayRef;
/** What a display shows once defaults and the desk wall are applied. */
export type AssignedDisplay = Exclude<DisplayAssignment, { role: 'workstation' }> | { role: 'workstation' } | DeskMonitor;
export type ShownAssignment = Exclude<AssignedDisplay, { role: 'off' }>;

export function isDeskMonitor(assignment: AssignedDisplay): assignment is DeskMonitor {
  return assignment.role === 'workstation' && 'wallId' in assignment;
}

export type DisplayRef = PlacedRef;

/**
 * What every attached display shows: the configured assignment, else console on the primary and
 * workstation elsewhere; with a desk wall, workstation monitors (listed or not) become its
 * displays. Pass the same `numbers` on every call for numbers that survive displays coming and going.
 */
export function assignDisplays(
  displays: readonly DisplayRef[],
  primaryId: number,
  config: DisplayConfig,
  numbers: DeskNumbers = new DeskNumbers(),
): Map<number, AssignedDisplay> {
  const result = new Map<number, AssignedDisplay>();
  const desk: DisplayRef[] = [];
  const pinned = new Map<number, number>();
  for (const display of displays) {
    const configured = config.displays[String(display.id)];
    const assignment: DisplayAssignment = configured ?? (display.id === primaryId ? { role: 'console' } : { role: 'workstation' });
    if (assignment.role !== 'workstation') {
      result.set(display.id, assignment);
      continue;
    }
    result.set(display.id, { role: 'workstation' });
    desk.push(display);
  }
  // Every pin, attached or not: a pinned number stays free for its own monitor while it is away.
  for (const [id, entry] of Object.entries(config.displays)) {
    if (entry.role === 'workstation' && entry.displayId !== undefined) pinned.set(Number(id), Number(entry.displayId));
  }
  if (config.deskWall !== undefined) {
    for (const [id, n] of numbers.assign(desk, pinned)) {
      result.set(id, { role: 'workstation', wallId: config.deskWall, displayId: String(n) });
    }
  }
  return result;
}

/** A stable key for an assignment: a window is reused only while its display shows the same page. */
export function assignmentKey(assignment: AssignedDisplay): string {
  if (isDeskMonitor(assignment)) return `workstation:${assignment.wallId}/${assignment.displayId}`;
  switch (assignment.role) {
    case 'wall':
      return `wall:${assignment.wallId}/${assignment.displayId}`;
    case 'callbox':
      return `callbox:${assignment.boxId}:${assignment.key}`;
    default:
      return assignment.role;
  }
}
