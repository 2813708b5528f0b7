// The incident layout of an alert: the box's own camera, then the cameras nearest the box.
import type { CameraSummary } from '../../../../common/domain/camera.js';

export type CameraLocation = Pick<CameraSummary, 'id' | 'lat' | 'lon'>;

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number): number => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine; plenty accurate over a city). */
export function distanceMeters(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * How far from a box a camera may be and still help at its incident: a street or two around a
 * junction, not the other end of the city.
 */
export const INCIDENT_RADIUS_M = 2_000;

/**
 * The box's camera (if it has one), then up to `count` other cameras within `radiusM`, nearest
 * first (ties by id, so every run agrees). A linear scan: a city of ~5,000 cameras takes a few
 * milliseconds, and it runs once per alert, so no spatial index is worth its upkeep.
 */
export function incidentCameras(
  box: { lat: number; lon: number; cameraId?: string },
  cameras: readonly CameraLocation[],
  count: number,
  radiusM = INCIDENT_RADIUS_M,
): string[] {
  const nearest = cameras
    .filter((c) => c.id !== box.cameraId)
    .map((c) => ({ id: c.id, distance: distanceMeters(box, c) }))
    .filter((c) => c.distance <= radiusM)
    .sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, count)
    .map((c) => c.id);
  return box.cameraId ? [box.cameraId, ...nearest] : nearest;
}
