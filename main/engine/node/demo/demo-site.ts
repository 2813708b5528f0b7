// The built-in demo site: the camera simulator serving every demo camera and call-box camera,
// registered in the store, the demo call boxes, and a 16-tile default wall, so a newcomer sees a
// working wall at once.
import path from 'node:path';
import { CameraSimulator } from '../../../../sim/index.js';
import type { CallBoxRecord } from '../store/box-repo.js';
import type { CameraRecordInput } from '../store/camera-repo.js';
import { demoBoxes } from './demo-boxes.js';
import { demoCameras } from './demo-cameras.js';

export interface DemoSite {
  simulator: CameraSimulator;
  /** The city's cameras and every box's own camera (those are for incident layouts, not the wall). */
  cameras: CameraRecordInput[];
  boxes: CallBoxRecord[];
  wallTiles: string[];
}

export async function startDemoSite(options: { mediaDir: string; simPort?: number }): Promise<DemoSite> {
  const clip = (name: string): string => path.join(options.mediaDir, name);
  const simulator = await CameraSimulator.create({
    port: options.simPort ?? 0,
    cameras: [
      ...demoCameras.map((c) =>
        c.h265
          ? { id: c.id, main: clip('h265-720p.h265') }
          : { id: c.id, main: clip('main-720p-gop2.h264'), sub: clip('sub-360p-gop2.h264') },
      ),
      ...demoBoxes.map((b) => ({ id: b.cameraId, main: clip('main-720p-gop2.h264'), sub: clip('sub-360p-gop2.h264') })),
    ],
  });
  const cameras = demoCameras.map(
    (c): CameraRecordInput => ({
      id: c.id,
      name: c.name,
      place: c.place.name,
      category: c.category,
      lat: c.place.lat,
      lon: c.place.lon,
      mainUrl: simulator.url(c.id, 'main'),
      ...(c.h265 ? {} : { subUrl: simulator.url(c.id, 'sub') }),
      transport: 'tcp',
    }),
  );
  const boxCameras = demoBoxes.map(
    (b): CameraRecordInput => ({
      id: b.cameraId,
      name: `${b.name} call box`,
      place: b.place,
      category: 'call_box',
      lat: b.lat,
      lon: b.lon,
      mainUrl: simulator.url(b.cameraId, 'main'),
      subUrl: simulator.url(b.cameraId, 'sub'),
      transport: 'tcp',
    }),
  );
  // One camera of each category first, so the default wall shows the whole city.
  const positionInCategory = new Map<string, number>();
  const countByCategory = new Map<string, number>();
  for (const camera of demoCameras) {
    const position = countByCategory.get(camera.category) ?? 0;
    positionInCategory.set(camera.id, position);
    countByCategory.set(camera.category, position + 1);
  }
  // A stable sort keeps the list's own order within each round of categories.
  const order = demoCameras
    .filter((c) => !c.h265)
    .sort((a, b) => positionInCategory.get(a.id)! - positionInCategory.get(b.id)!);
  return { simulator, cameras: [...cameras, ...boxCameras], boxes: demoBoxes, wallTiles: order.slice(0, 16).map((c) => c.id) };
}
