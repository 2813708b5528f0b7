// Resolving a wall-canvas layout (cameras spanning displays) into what each display shows. Pure:
// the engine validates and resolves with it, and a wall page can do the same from a wall.spans event.
import type { Crop, DisplayView, WallDefinition, WallLayout, WallSpan } from './wall.js';

export interface Cell {
  col: number;
  row: number;
}

export function displayAt(wall: WallDefinition, cell: Cell): string | undefined {
  if (cell.col < 0 || cell.row < 0 || cell.col >= wall.columns || cell.row >= wall.rows) return undefined;
  return wall.displays[cell.row * wall.columns + cell.col];
}

export function cellOf(wall: WallDefinition, displayId: string): Cell | undefined {
  const index = wall.displays.indexOf(displayId);
  return index < 0 ? undefined : { col: index % wall.columns, row: Math.floor(index / wall.columns) };
}

export function spanCovers(span: WallSpan, cell: Cell): boolean {
  return cell.col >= span.col && cell.col < span.col + span.cols && cell.row >= span.row && cell.row < span.row + span.rows;
}

function overlap(a: WallSpan, b: WallSpan): boolean {
  return a.col < b.col + b.cols && b.col < a.col + a.cols && a.row < b.row + b.rows && b.row < a.row + a.rows;
}

/** Why these spans cannot go on this wall (outside it, or two on one display); empty when they can. */
export function spanProblems(wall: WallDefinition, spans: readonly WallSpan[]): string[] {
  const problems: string[] = [];
  spans.forEach((span, i) => {
    if (span.col + span.cols > wall.columns || span.row + span.rows > wall.rows) {
      problems.push(`span ${i + 1} (${span.cameraId}) reaches outside the ${wall.columns}×${wall.rows} wall`);
    }
    spans.slice(0, i).forEach((other, j) => {
      if (overlap(span, other)) problems.push(`spans ${j + 1} and ${i + 1} overlap`);
    });
  });
  return problems;
}

/**
 * One axis of a crop: the camera picture is laid over the whole span as if the bezels were
 * windows frames in front of it, so the part behind a bezel is hidden rather than squeezed out
 * and a straight line stays straight across displays.
 */
function axis(index: number, count: number, sizeMm: number, bezelMm: number): { start: number; size: number } {
  const gap = 2 * bezelMm;
  const total = count * sizeMm + (count - 1) * gap;
  return { start: (index * (sizeMm + gap)) / total, size: sizeMm / total };
}

/** The crop a display at `cell` shows of a span covering it. */
export function spanCrop(wall: WallDefinition, span: WallSpan, cell: Cell, options: { bezel?: boolean } = {}): Crop {
  const bezel = options.bezel === false ? 0 : wall.display.bezelMm;
  const x = axis(cell.col - span.col, span.cols, wall.display.widthMm, bezel);
  const y = axis(cell.row - span.row, span.rows, wall.display.heightMm, bezel);
  return { x: x.start, y: y.start, w: x.size, h: y.size };
}

/** The span part a display shows, or undefined when it shows its own grid. */
export function resolveDisplay(wall: WallDefinition, spans: readonly WallSpan[], displayId: string): Extract<DisplayView, { kind: 'span' }> | undefined {
  const cell = cellOf(wall, displayId);
  if (!cell) return undefined;
  const span = spans.find((s) => spanCovers(s, cell));
  if (!span) return undefined;
  return { kind: 'span', wallId: wall.id, displayId, cameraId: span.cameraId, span, crop: spanCrop(wall, span, cell) };
}

/** Every display of the wall, row by row: its part of a span, else its grid. */
export function resolveWall(wall: WallDefinition, spans: readonly WallSpan[], layoutOf: (displayId: string) => WallLayout): DisplayView[] {
  return wall.displays.map(
    (displayId) => resolveDisplay(wall, spans, displayId) ?? { kind: 'grid', wallId: wall.id, displayId, layout: layoutOf(displayId) },
  );
}
