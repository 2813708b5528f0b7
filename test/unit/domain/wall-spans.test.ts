// A camera spanning displays: each display is told which part of the picture to show.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WallDefinition, WallDefinitionInput, type WallLayout, type WallSpan } from '../../../common/domain/wall.js';
import { cellOf, displayAt, resolveDisplay, resolveWall, spanCrop, spanProblems } from '../../../common/domain/wall-spans.js';

const wall = (columns: number, rows: number, bezelMm = 0): WallDefinition =>
  WallDefinitionInput.parse({ id: 'ops', name: 'Ops', columns, rows, display: { widthMm: 1000, heightMm: 500, bezelMm } });

const span = (s: Partial<WallSpan> = {}): WallSpan => ({ cameraId: 'cam-a', col: 0, row: 0, cols: 1, rows: 1, ...s });
const close = (actual: number, expected: number): void => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≈ ${expected}`);

describe('wall definitions', () => {
  it('number displays 1…n row by row when none are given, and refuse a wrong count or repeats', () => {
    const w = wall(2, 2);
    assert.deepEqual(w.displays, ['1', '2', '3', '4']);
    assert.equal(displayAt(w, { col: 1, row: 1 }), '4');
    assert.deepEqual(cellOf(w, '3'), { col: 0, row: 1 });
    assert.equal(displayAt(w, { col: 2, row: 0 }), undefined);
    assert.equal(WallDefinition.safeParse({ ...w, displays: ['1', '2', '3'] }).success, false);
    assert.equal(WallDefinition.safeParse({ ...w, displays: ['1', '2', '3', '3'] }).success, false);
  });
});

describe('span resolution', () => {
  it('a span over two displays gives the left half to the left display and the right half to the right one', () => {
    const w = wall(2, 1);
    const s = span({ cols: 2 });
    assert.deepEqual(resolveDisplay(w, [s], '1'), { kind: 'span', wallId: 'ops', displayId: '1', cameraId: 'cam-a', span: s, crop: { x: 0, y: 0, w: 0.5, h: 1 } });
    assert.deepEqual(resolveDisplay(w, [s], '2')?.crop, { x: 0.5, y: 0, w: 0.5, h: 1 });
  });

  it('a 2×2 span gives each display its quarter', () => {
    const w = wall(2, 2);
    const s = span({ cols: 2, rows: 2 });
    const crops = w.displays.map((d) => resolveDisplay(w, [s], d)?.crop);
    assert.deepEqual(crops, [
      { x: 0, y: 0, w: 0.5, h: 0.5 },
      { x: 0.5, y: 0, w: 0.5, h: 0.5 },
      { x: 0, y: 0.5, w: 0.5, h: 0.5 },
      { x: 0.5, y: 0.5, w: 0.5, h: 0.5 },
    ]);
  });

  it('hides the part of the picture behind the bezels, so lines stay straight across displays', () => {
    // Two 1000 mm displays with a 10 mm frame each: 1020 mm from one picture's left edge to the next's.
    const w = wall(2, 1, 10);
    const left = spanCrop(w, span({ cols: 2 }), { col: 0, row: 0 });
    const right = spanCrop(w, span({ cols: 2 }), { col: 1, row: 0 });
    close(left.x, 0);
    close(left.w, 1000 / 2020);
    close(right.x, 1020 / 2020);
    close(right.x + right.w, 1);
    assert.deepEqual(left.h, 1, 'one row: the whole height');
    assert.deepEqual(spanCrop(w, span({ cols: 2 }), { col: 1, row: 0 }, { bezel: false }), { x: 0.5, y: 0, w: 0.5, h: 1 });
  });

  it('displays outside every span show their own grid', () => {
    const w = wall(3, 1);
    const grid = (displayId: string): WallLayout => ({ wallId: 'ops', displayId, grid: 1, tiles: [null] });
    const views = resolveWall(w, [span({ col: 1, cols: 2 })], grid);
    assert.deepEqual(
      views.map((v) => (v.kind === 'span' ? `${v.displayId}:${v.cameraId}@${v.crop.x}` : `${v.displayId}:grid`)),
      ['1:grid', '2:cam-a@0', '3:cam-a@0.5'],
    );
  });

  it('finds spans that reach outside the wall or overlap', () => {
    const w = wall(2, 2);
    assert.deepEqual(spanProblems(w, [span({ cols: 2 }), span({ row: 1, cols: 2 })]), []);
    assert.match(spanProblems(w, [span({ col: 1, cols: 2 })]).join(), /outside the 2×2 wall/);
    assert.match(spanProblems(w, [span({ cols: 2 }), span({ col: 1, rows: 2 })]).join(), /spans 1 and 2 overlap/);
  });
});
