// The incident grid (what the console shows during a call) and the box map's projection.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallBoxSummary } from '../../../common/domain/alert.js';
import { formatElapsed } from '../../../renderer/browser/alerts/alert-words.js';
import { incidentView, shownGrid } from '../../../renderer/browser/alerts/incident-layout.js';
import { placeBoxes } from '../../../renderer/browser/alerts/map-projection.js';

describe('incident layout', () => {
  it('uses a 2×2 grid for up to four cameras and a 3×3 for more (the nine nearest)', () => {
    assert.deepEqual(incidentView(['a', 'b']), { grid: 4, tiles: ['a', 'b', null, null] });
    assert.deepEqual(incidentView(['a', 'b', 'c', 'd']).grid, 4);
    const many = incidentView(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k']);
    assert.equal(many.grid, 9);
    assert.deepEqual(many.tiles, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);
    assert.deepEqual(incidentView([]), { grid: 4, tiles: [null, null, null, null] });
  });

  it("shows the operator's layout with no incident, the incident's otherwise, and an adjusted one only for its own call", () => {
    const layout = { grid: 1 as const, tiles: ['mine'] };
    assert.deepEqual(shownGrid(layout, null, null), { grid: 1, tiles: ['mine'], incidentId: null });
    const incident = { id: 'call-1', incidentCameras: ['box-cam', 'near-1'] };
    assert.deepEqual(shownGrid(layout, incident, null), { grid: 4, tiles: ['box-cam', 'near-1', null, null], incidentId: 'call-1' });
    const adjusted = { alertId: 'call-1', grid: 1 as const, tiles: ['near-1'] };
    assert.deepEqual(shownGrid(layout, incident, adjusted).tiles, ['near-1']);
    assert.deepEqual(shownGrid(layout, { ...incident, id: 'call-2' }, adjusted).tiles, ['box-cam', 'near-1', null, null]);
    // The call over: back to the operator's own layout, whatever was adjusted.
    assert.deepEqual(shownGrid(layout, null, adjusted).tiles, ['mine']);
  });
});

describe('box map', () => {
  const box = (id: string, lat: number, lon: number): CallBoxSummary => ({ id, name: id, place: '', lat, lon, online: true });

  it('fits the boxes inside the margins, north up, without stretching', () => {
    const placed = placeBoxes([box('west', 26.45, 80.2), box('east', 26.45, 80.4), box('north', 26.55, 80.3)], 300, 200, 10);
    const at = (id: string) => placed.find((p) => p.box.id === id)!;
    for (const p of placed) {
      assert.ok(p.x >= 10 - 1e-9 && p.x <= 290 + 1e-9, `${p.box.id} x in range`);
      assert.ok(p.y >= 10 - 1e-9 && p.y <= 190 + 1e-9, `${p.box.id} y in range`);
    }
    assert.ok(at('west').x < at('east').x);
    assert.ok(at('north').y < at('west').y, 'north is up');
    // Equal scales: 0.2° of longitude at 26.5° N is about 0.179° of latitude.
    const dx = at('east').x - at('west').x;
    const dy = at('west').y - at('north').y;
    assert.ok(Math.abs(dx / dy - (0.2 * Math.cos((26.483 * Math.PI) / 180)) / 0.1) < 0.01);
  });

  it('puts a single box in the middle and copes with none', () => {
    assert.deepEqual(
      placeBoxes([box('only', 26.4, 80.3)], 300, 200, 10).map(({ x, y }) => ({ x, y })),
      [{ x: 150, y: 100 }],
    );
    assert.deepEqual(placeBoxes([], 300, 200, 10), []);
  });
});

describe('waiting timer', () => {
  it('formats m:ss and h:mm:ss, never negative', () => {
    assert.equal(formatElapsed(0, 65_000), '1:05');
    assert.equal(formatElapsed(0, 3_725_000), '1:02:05');
    assert.equal(formatElapsed(10_000, 0), '0:00');
  });
});
