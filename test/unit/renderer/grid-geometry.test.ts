import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gridSizes } from '../../../common/domain/wall.js';
import {
  chooseStream,
  gridColumns,
  placeCamera,
  preferredStream,
  resizeTiles,
  setTile,
} from '../../../renderer/browser/grid/grid-geometry.js';

describe('grid geometry', () => {
  it('square grids have sqrt(n) columns', () => {
    assert.deepEqual(gridSizes.map(gridColumns), [1, 2, 3, 4]);
  });

  it('asks for the sub stream on 9 and 16 tiles and the main stream on 1 and 4', () => {
    assert.deepEqual(gridSizes.map(preferredStream), ['main', 'main', 'sub', 'sub']);
  });

  it('falls back to the stream a camera has', () => {
    assert.equal(chooseStream(16, ['main']), 'main');
    assert.equal(chooseStream(1, ['sub']), 'sub');
    assert.equal(chooseStream(16, ['main', 'sub']), 'sub');
    assert.equal(chooseStream(16, undefined), 'sub');
    assert.equal(chooseStream(4, []), 'main');
  });

  it('keeps the first tiles when shrinking and pads with empty ones when growing', () => {
    assert.deepEqual(resizeTiles(['a', 'b', null, 'd'], 1), ['a']);
    assert.deepEqual(resizeTiles(['a'], 4), ['a', null, null, null]);
    assert.equal(resizeTiles(['a', null, null, null], 9).length, 9);
  });

  it('puts a clicked camera on the selected tile, else the first empty, else the first', () => {
    assert.deepEqual(placeCamera(['a', null, 'c', null], 'x', 2), { tiles: ['a', null, 'x', null], index: 2 });
    assert.deepEqual(placeCamera(['a', null, 'c', null], 'x', null), { tiles: ['a', 'x', 'c', null], index: 1 });
    assert.deepEqual(placeCamera(['a', 'b', 'c', 'd'], 'x', null), { tiles: ['x', 'b', 'c', 'd'], index: 0 });
    assert.deepEqual(placeCamera(['a', null], 'x', 7), { tiles: ['a', 'x'], index: 1 }, 'a stale selection is ignored');
  });

  it('sets one tile without touching the others, and ignores an index outside the grid', () => {
    const tiles = ['a', 'b'];
    assert.deepEqual(setTile(tiles, 1, null), ['a', null]);
    assert.deepEqual(setTile(tiles, 5, 'x'), ['a', 'b']);
    assert.deepEqual(tiles, ['a', 'b']);
  });
});
