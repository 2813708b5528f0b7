import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultLayout, loadLayout, rememberCamera, saveLayout } from '../../../renderer/browser/console/operator-layout.js';

function memoryStorage(initial?: string) {
  const data = new Map<string, string>();
  if (initial !== undefined) data.set('jharokha.console.layout.v1', initial);
  return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

describe('operator layout storage', () => {
  it('round-trips the grid and the names of the cameras on it', () => {
    const storage = memoryStorage();
    const layout = rememberCamera(
      { grid: 4, tiles: ['cam-a', null, null, null], cameras: {} },
      { id: 'cam-a', name: 'Ghantaghar Square', place: 'Kanpur', category: 'market', lat: 26.4, lon: 80.3, streams: ['main', 'sub'] },
    );
    saveLayout(storage, rememberCamera(layout, { ...{ id: 'cam-z', name: 'Off grid', place: '', category: 'bank', lat: 0, lon: 0, streams: ['main'] } }));
    const loaded = loadLayout(storage);
    assert.deepEqual(loaded.tiles, ['cam-a', null, null, null]);
    assert.deepEqual(Object.keys(loaded.cameras), ['cam-a'], 'cameras not on the grid are not kept');
    assert.equal(loaded.cameras['cam-a']?.name, 'Ghantaghar Square');
  });

  it('falls back to an empty 2×2 grid on missing, corrupt or invalid data', () => {
    assert.deepEqual(loadLayout(memoryStorage()), defaultLayout);
    assert.deepEqual(loadLayout(memoryStorage('{nope')), defaultLayout);
    assert.deepEqual(loadLayout(memoryStorage(JSON.stringify({ grid: 5, tiles: [] }))), defaultLayout);
    assert.deepEqual(loadLayout(memoryStorage(JSON.stringify({ grid: 1, tiles: ['BAD ID'] }))), defaultLayout);
  });

  it('repairs a tile list that does not match its grid', () => {
    assert.deepEqual(loadLayout(memoryStorage(JSON.stringify({ grid: 4, tiles: ['a'] }))).tiles, ['a', null, null, null]);
  });
});
