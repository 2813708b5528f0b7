// What a wall shows now, as the console's wall map draws it: the wall's summary (definition, spans,
// control lease, tour) and every display's own grid, kept current from the engine's wall events.
// Pure, so that the map's drawing rules are tested without a page.
import type { WallControl, WallDefinition, WallLayout, WallSpan, WallSummary, WallTour } from '../../../common/domain/wall.js';

export interface WallPicture {
  summary: WallSummary;
  /** Each display's own grid, by display id; missing until the engine has answered for it. */
  layouts: ReadonlyMap<string, WallLayout>;
}

export type WallChange =
  | { type: 'layout'; layout: WallLayout }
  | { type: 'spans'; wallId: string; spans: WallSpan[] }
  | { type: 'defined'; wall: WallDefinition }
  | { type: 'control'; control: WallControl }
  | { type: 'tour'; wallId: string; tour: WallTour | null };

const wallOf = (change: WallChange): string => {
  switch (change.type) {
    case 'layout':
      return change.layout.wallId;
    case 'defined':
      return change.wall.id;
    case 'control':
      return change.control.wallId;
    default:
      return change.wallId;
  }
};

/** The picture after one engine event; events about other walls leave it as it is. */
export function applyWallChange(picture: WallPicture, change: WallChange): WallPicture {
  if (wallOf(change) !== picture.summary.wall.id) return picture;
  switch (change.type) {
    case 'layout':
      return { ...picture, layouts: new Map(picture.layouts).set(change.layout.displayId, change.layout) };
    case 'spans':
      return { ...picture, summary: { ...picture.summary, spans: change.spans } };
    case 'defined':
      return { ...picture, summary: { ...picture.summary, wall: change.wall } };
    case 'control':
      return { ...picture, summary: { ...picture.summary, control: change.control } };
    case 'tour':
      return { ...picture, summary: { ...picture.summary, tour: change.tour } };
  }
}

/** One box on the map: a display with its grid, or a span over a rectangle of displays. */
export type MapCell =
  | { kind: 'display'; displayId: string; col: number; row: number; layout: WallLayout | null }
  | { kind: 'span'; span: WallSpan; displayIds: string[] };

/** What to draw: spans first-class, and only the displays no span covers. */
export function mapCells(picture: WallPicture): MapCell[] {
  const { wall, spans } = picture.summary;
  const covered = new Set<string>();
  const spanCells: MapCell[] = spans.map((span) => {
    const displayIds: string[] = [];
    for (let row = span.row; row < span.row + span.rows; row++) {
      for (let col = span.col; col < span.col + span.cols; col++) {
        const id = wall.displays[row * wall.columns + col];
        if (id !== undefined) displayIds.push(id);
      }
    }
    displayIds.forEach((id) => covered.add(id));
    return { kind: 'span', span, displayIds };
  });
  const displayCells: MapCell[] = wall.displays
    .map((displayId, i) => ({ kind: 'display' as const, displayId, col: i % wall.columns, row: Math.floor(i / wall.columns), layout: picture.layouts.get(displayId) ?? null }))
    .filter((cell) => !covered.has(cell.displayId));
  return [...displayCells, ...spanCells];
}

/** Every camera the wall shows now (for their names). */
export function shownCameras(picture: WallPicture): string[] {
  const ids = new Set<string>(picture.summary.spans.map((s) => s.cameraId));
  for (const layout of picture.layouts.values()) for (const id of layout.tiles) if (id !== null) ids.add(id);
  return [...ids].sort();
}

/** The wall's shape for CSS: width over height of the whole wall, bezels included. */
export function wallAspect(wall: WallDefinition): number {
  const { widthMm, heightMm, bezelMm } = wall.display;
  return (wall.columns * (widthMm + 2 * bezelMm)) / (wall.rows * (heightMm + 2 * bezelMm));
}

export type ControlSummary = { kind: 'free' } | { kind: 'mine'; expiresAt: number } | { kind: 'other'; who: string; expiresAt: number };

/** Who may change the wall, from this operator's point of view. */
export function controlFor(control: WallControl, username: string | undefined): ControlSummary {
  if (control.holder === null || control.expiresAt === null) return { kind: 'free' };
  if (control.holder === username) return { kind: 'mine', expiresAt: control.expiresAt };
  return { kind: 'other', who: control.holderName ? `${control.holderName} (${control.holder})` : control.holder, expiresAt: control.expiresAt };
}

/** "presets Day → Night, 10 s each, now 2 of 2" / "4 cameras on display 1, …". */
export function describeTour(tour: WallTour): string {
  const steps = tour.presetNames ? tour.presetNames.length : (tour.cameraIds?.length ?? 0);
  const what = tour.presetNames ? `presets ${tour.presetNames.join(' → ')}` : `${steps} cameras on display ${tour.displayId ?? '?'}`;
  return `${what}, ${tour.dwellS} s each, now ${Math.min(tour.step, steps - 1) + 1} of ${steps}, started by ${tour.startedBy}`;
}
