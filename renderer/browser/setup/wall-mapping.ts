// Where each display of a wall goes: the page it shows and the `displays.json` entry the wall PC's
// shell needs for it. The installer hands this to whoever sets up each wall PC. The shape written
// here is the one main/app's DisplayConfig reads; the renderer may not import main/app, so a unit
// test parses this text with that schema to keep the two in step.
import type { WallDefinition } from '../../../common/domain/wall.js';

/** The shell config's version this text is written for (main/app's DisplayConfig). */
export const DISPLAYS_FILE_VERSION = 1;

/** Display ids of a columns × rows wall when the installer gives none: "1"…"n", row by row (as the engine does). */
export function defaultDisplayIds(columns: number, rows: number): string[] {
  return Array.from({ length: Math.max(0, columns * rows) }, (_, i) => String(i + 1));
}

/** The page a wall display shows, without any key: the engine's own shell hands its windows theirs. */
export function wallPagePath(wallId: string, displayId: string): string {
  return `/wall/${encodeURIComponent(wallId)}/${encodeURIComponent(displayId)}`;
}

/** The page with the display's key, for a browser on the wall PC: opened once, the page keeps the key. */
export function wallPageAddress(origin: string, wallId: string, displayId: string, key: string): string {
  return `${origin.replace(/\/+$/, '')}${wallPagePath(wallId, displayId)}?key=${encodeURIComponent(key)}`;
}

/**
 * Stands in for the Electron display id, which only the wall PC knows (its shell logs each
 * display's id and bounds at start). Not digits on purpose: left unreplaced, the shell refuses
 * the file with "display ids are Electron display ids (digits)" instead of guessing.
 */
export function electronIdPlaceholder(displayId: string): string {
  return `<Electron id of display ${displayId}>`;
}

function assignment(wallId: string, displayId: string): { role: 'wall'; wallId: string; displayId: string } {
  return { role: 'wall', wallId, displayId };
}

/** One `"<electron id>": {…}` line, to paste inside the `displays` object of the wall PC's displays.json. */
export function displaysJsonEntry(wallId: string, displayId: string, electronId = electronIdPlaceholder(displayId)): string {
  return `${JSON.stringify(electronId)}: ${JSON.stringify(assignment(wallId, displayId))}`;
}

/** A whole displays.json for one PC that drives every display of the wall. */
export function displaysJsonFile(wall: Pick<WallDefinition, 'id' | 'displays'>): string {
  const displays: Record<string, ReturnType<typeof assignment>> = {};
  for (const displayId of wall.displays) displays[electronIdPlaceholder(displayId)] = assignment(wall.id, displayId);
  return `${JSON.stringify({ version: DISPLAYS_FILE_VERSION, displays }, null, 2)}\n`;
}

/** Where a display sits in its wall, counted from 1 as an installer would say it: "row 1, column 2". */
export function displayPosition(wall: Pick<WallDefinition, 'columns' | 'displays'>, displayId: string): { row: number; column: number } | null {
  const index = wall.displays.indexOf(displayId);
  if (index < 0) return null;
  return { row: Math.floor(index / wall.columns) + 1, column: (index % wall.columns) + 1 };
}
