// The console's wall map model: engine events applied to the right wall only, spans drawn once
// over the displays they cover, and the control lease and tour put in the operator's words.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WallDefinition, WallLayout, WallSummary } from '../../../common/domain/wall.js';
import {
  applyWallChange,
  controlFor,
  describeTour,
  mapCells,
  shownCameras,
  wallAspect,
  type WallPicture,
} from '../../../renderer/browser/console/wall-picture.js';

const wall: WallDefinition = { id: 'ops', name: 'Ops', columns: 2, rows: 2, displays: ['a', 'b', 'c', 'd'], display: { widthMm: 1600, heightMm: 900, bezelMm: 0 } };
const summary: WallSummary = { wall, spans: [], control: { wallId: 'ops', holder: null, expiresAt: null }, tour: null };
const layout = (displayId: string, tiles: (string | null)[]): WallLayout => ({ wallId: 'ops', displayId, grid: tiles.length as WallLayout['grid'], tiles });
const empty: WallPicture = { summary, layouts: new Map() };

describe('wall map model', () => {
  it('applies layout, spans, control and tour events of its own wall and ignores other walls', () => {
    let picture = applyWallChange(empty, { type: 'layout', layout: layout('a', ['cam-1']) });
    picture = applyWallChange(picture, { type: 'layout', layout: { ...layout('a', ['cam-9']), wallId: 'other' } });
    assert.deepEqual(picture.layouts.get('a')?.tiles, ['cam-1']);
    assert.equal(empty.layouts.size, 0, 'the old picture is left as it was');

    picture = applyWallChange(picture, { type: 'control', control: { wallId: 'ops', holder: 'asha', holderName: 'Asha', expiresAt: 5000 } });
    picture = applyWallChange(picture, { type: 'control', control: { wallId: 'other', holder: 'ravi', expiresAt: 5000 } });
    assert.equal(picture.summary.control.holder, 'asha');

    const tour = { wallId: 'ops', presetNames: ['Day', 'Night'], dwellS: 10, step: 1, startedBy: 'operator:asha', nextAt: 1 };
    picture = applyWallChange(picture, { type: 'tour', wallId: 'ops', tour });
    assert.equal(picture.summary.tour?.step, 1);
    picture = applyWallChange(picture, { type: 'tour', wallId: 'ops', tour: null });
    assert.equal(picture.summary.tour, null);

    picture = applyWallChange(picture, { type: 'spans', wallId: 'ops', spans: [{ cameraId: 'cam-5', col: 0, row: 0, cols: 2, rows: 1 }] });
    assert.equal(picture.summary.spans.length, 1);
    picture = applyWallChange(picture, { type: 'defined', wall: { ...wall, name: 'Renamed' } });
    assert.equal(picture.summary.wall.name, 'Renamed');
  });

  it('draws a span once over the displays it covers and the other displays with their grids', () => {
    const picture: WallPicture = {
      summary: { ...summary, spans: [{ cameraId: 'cam-5', col: 0, row: 0, cols: 2, rows: 1 }] },
      layouts: new Map([
        ['a', layout('a', ['cam-1'])],
        ['c', layout('c', ['cam-2', null, 'cam-3', null])],
      ]),
    };
    const cells = mapCells(picture);
    assert.deepEqual(
      cells.map((c) => (c.kind === 'span' ? `span ${c.displayIds.join('+')}` : `${c.displayId}@${c.col},${c.row} ${c.layout?.grid ?? 'loading'}`)),
      ['c@0,1 4', 'd@1,1 loading', 'span a+b'],
    );
    assert.deepEqual(shownCameras(picture), ['cam-1', 'cam-2', 'cam-3', 'cam-5'], 'a covered display still counts for names');
  });

  it('gives the wall its real shape, bezels included', () => {
    assert.equal(wallAspect(wall), (2 * 1600) / (2 * 900));
    assert.equal(wallAspect({ ...wall, columns: 4, rows: 1, displays: ['a', 'b', 'c', 'd'], display: { widthMm: 100, heightMm: 100, bezelMm: 10 } }), 4);
  });

  it('says who controls the wall from this operator\'s side', () => {
    const held = { wallId: 'ops', holder: 'asha', holderName: 'Asha', expiresAt: 5000 };
    assert.deepEqual(controlFor(held, 'asha'), { kind: 'mine', expiresAt: 5000 });
    assert.deepEqual(controlFor(held, 'ravi'), { kind: 'other', who: 'Asha (asha)', expiresAt: 5000 });
    assert.deepEqual(controlFor(held, undefined), { kind: 'other', who: 'Asha (asha)', expiresAt: 5000 });
    assert.deepEqual(controlFor({ wallId: 'ops', holder: null, expiresAt: null }, 'asha'), { kind: 'free' });
  });

  it('describes a preset tour and a camera tour, counting steps from one', () => {
    assert.equal(
      describeTour({ wallId: 'ops', presetNames: ['Day', 'Night'], dwellS: 10, step: 1, startedBy: 'operator:asha', nextAt: 0 }),
      'presets Day → Night, 10 s each, now 2 of 2, started by operator:asha',
    );
    assert.equal(
      describeTour({ wallId: 'ops', cameraIds: ['x', 'y', 'z'], displayId: 'b', dwellS: 3, step: 0, startedBy: 'operator:ravi', nextAt: 0 }),
      '3 cameras on display b, 3 s each, now 1 of 3, started by operator:ravi',
    );
  });
});
