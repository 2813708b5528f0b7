// The bench's camera farm: one CameraSimulator in the bench process (so the send log sees every
// frame leave) serving the cameras each measurement needs, all from the committed test clips.
import { CameraSimulator, MEDIA_CLIPS, mediaPath } from '../sim/index.js';
import { installSendLog, type SendLog } from './send-log.js';

export interface BenchCamera {
  id: string;
  /** Key-frame interval of the main stream, seconds. */
  gopS: 1 | 2 | 4;
  /** How the engine pulls it (default TCP, the cameras' default). */
  transport?: 'tcp' | 'udp';
}

const clipFor = { 1: MEDIA_CLIPS.main720Gop1, 2: MEDIA_CLIPS.main720Gop2, 4: MEDIA_CLIPS.main720Gop4 } as const;

export interface SimFarm {
  simulator: CameraSimulator;
  sendLog: SendLog;
  cameras: BenchCamera[];
  close(): Promise<void>;
}

export async function startSimFarm(cameras: BenchCamera[]): Promise<SimFarm> {
  const sendLog = installSendLog();
  const simulator = await CameraSimulator.create({
    port: 0,
    cameras: cameras.map((c) => ({
      id: c.id,
      main: mediaPath(clipFor[c.gopS]),
      sub: mediaPath(MEDIA_CLIPS.sub360Gop2),
    })),
  });
  return { simulator, sendLog, cameras, close: () => simulator.close() };
}

/** The engine's store records for the farm's cameras (the wall asks for main or sub by grid). */
export function cameraRecords(farm: SimFarm): Record<string, unknown>[] {
  return farm.cameras.map((c, i) => ({
    id: c.id,
    name: `Bench ${c.id}`,
    place: 'bench',
    category: 'market',
    lat: 26.45 + i * 1e-4,
    lon: 80.33,
    mainUrl: farm.simulator.url(c.id, 'main'),
    subUrl: farm.simulator.url(c.id, 'sub'),
    transport: c.transport ?? 'tcp',
  }));
}
