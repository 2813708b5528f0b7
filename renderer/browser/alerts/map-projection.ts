// Places call boxes on the console's small map: longitude and latitude scaled to the panel, with
// east-west distances shrunk by cos(latitude) so a city keeps its shape. No tiles, no network.
import type { CallBoxSummary } from '../../../common/domain/alert.js';

export interface PlacedBox {
  box: CallBoxSummary;
  x: number;
  y: number;
}

export function placeBoxes(boxes: readonly CallBoxSummary[], width: number, height: number, margin: number): PlacedBox[] {
  if (boxes.length === 0) return [];
  const meanLat = boxes.reduce((sum, box) => sum + box.lat, 0) / boxes.length;
  const xScale = Math.cos((meanLat * Math.PI) / 180);
  const xs = boxes.map((box) => box.lon * xScale);
  const ys = boxes.map((box) => box.lat);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const spanX = maxX - minX;
  const spanY = maxY - minY;
  const innerW = Math.max(0, width - 2 * margin);
  const innerH = Math.max(0, height - 2 * margin);
  // One scale for both axes (the map is not stretched); a single point or a line sits centred.
  const scale = spanX === 0 && spanY === 0 ? 0 : Math.min(spanX > 0 ? innerW / spanX : Infinity, spanY > 0 ? innerH / spanY : Infinity);
  const offsetX = margin + (innerW - spanX * scale) / 2;
  const offsetY = margin + (innerH - spanY * scale) / 2;
  return boxes.map((box, index) => ({
    box,
    x: offsetX + ((xs[index] ?? 0) - minX) * scale,
    // North is up: larger latitudes get smaller y.
    y: offsetY + (maxY - (ys[index] ?? 0)) * scale,
  }));
}
