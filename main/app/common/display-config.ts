// What each monitor attached to this PC shows, kept in `<userData>/displays.json` so an installer
// can map a wall without rebuilding anything. Electron display ids are the keys (the app logs the
// ids and bounds it sees at start). A display not listed gets the default: the primary display
// is the console, every other one a workstation monitor.
import { z } from 'zod';
import { BoxId } from '../../../common/domain/alert.js';
import { WallDisplayRef } from '../../../common/domain/wall.js';

export const DisplayAssignment = z.discriminatedUnion('role', [
  z.object({ role: z.literal('console') }).strict(),
  z.object({ role: z.literal('workstation') }).strict(),
  WallDisplayRef.extend({ role: z.literal('wall') }).strict(),
  // A street kiosk PC: the box's key is its credential, so the file is written owner-only.
  z.object({ role: z.literal('callbox'), boxId: BoxId, key: z.string().min(1).max(512) }).strict(),
  z.object({ role: z.literal('off') }).strict(),
]);
export type DisplayAssignment = z.infer<typeof DisplayAssignment>;
export type WindowRole = Exclude<DisplayAssignment['role'], 'off'>;

export const DisplayConfig = z
  .object({
    version: z.literal(1),
    /** Electron display id (decimal) → what it shows. */
    displays: z.record(z.string().regex(/^\d+$/, 'display ids are Electron display ids (digits)'), DisplayAssignment),
  })
  .strict();
export type DisplayConfig = z.infer<typeof DisplayConfig>;

export const defaultDisplayConfig: DisplayConfig = { version: 1, displays: {} };

export interface DisplayRef {
  id: number;
}

/** What every attached display shows: the configured assignment, else console on the primary and workstation elsewhere. */
export function assignDisplays(
  displays: readonly DisplayRef[],
  primaryId: number,
  config: DisplayConfig,
): Map<number, DisplayAssignment> {
  const result = new Map<number, DisplayAssignment>();
  for (const display of displays) {
    const configured = config.displays[String(display.id)];
    result.set(display.id, configured ?? (display.id === primaryId ? { role: 'console' } : { role: 'workstation' }));
  }
  return result;
}

/** A stable key for an assignment: a window is reused only while its display shows the same page. */
export function assignmentKey(assignment: DisplayAssignment): string {
  switch (assignment.role) {
    case 'wall':
      return `wall:${assignment.wallId}/${assignment.displayId}`;
    case 'callbox':
      return `callbox:${assignment.boxId}:${assignment.key}`;
    default:
      return assignment.role;
  }
}
