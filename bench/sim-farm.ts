// The bench's camera farm: one CameraSimulator in the bench process (so the send log sees every
// frame leave) serving the cameras each measurement needs, from the committed test clips or, with
// `realBitrate`, from clips at real camera rates made once with ffmpeg (sim/node/real-clips.ts).
import { CameraSimulator, MEDIA_CLIPS, ensureRealCameraClips, mediaPath } from '../sim/index.js';
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

async function clipsFor(gopS: BenchCamera['gopS'], realBitrate: ((line: string) => void) | undefined): Promise<{ main: string; sub: string }> {
  if (realBitrate) return ensureRealCameraClips({ mainGopS: gopS, progress: realBitrate });
  return { main: mediaPath(clipFor[gopS]), sub: mediaPath(MEDIA_CLIPS.sub360Gop2) };
}

/** `realBitrate`: serve clips at real camera rates, printing their making (once per machine) there. */
export async function startSimFarm(cameras: BenchCamera[], options: { realBitrate?: (line: string) => void } = {}): Promise<SimFarm> {
  const sendLog = installSendLog();
  const clips = new Map<BenchCamera['gopS'], { main: string; sub: string }>();
  for (const gopS of new Set(cameras.map((c) => c.gopS))) clips.set(gopS, await clipsFor(gopS, options.realBitrate));
  const simulator = await CameraSimulator.create({
    port: 0,
    cameras: cameras.map((c) => ({ id: c.id, ...clips.get(c.gopS)! })),
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
