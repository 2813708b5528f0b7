// Where the engine's utility process finds the mediasoup worker. mediasoup reads
// MEDIASOUP_WORKER_BIN when it is first loaded, so the shell always passes it explicitly:
// whatever the environment already says, else the copy `npm run build` staged in dist/app/bin
// (unpacked from the asar in a packaged app: a binary cannot be executed from inside an archive).
import path from 'node:path';

export interface WorkerBinPlace {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  isPackaged: boolean;
  /** process.resourcesPath in a packaged app. */
  resourcesPath: string;
  /** The repository root (dev) — where dist/app/bin lives. */
  appRoot: string;
  exists(file: string): boolean;
}

export const STAGED_WORKER_DIR = path.join('dist', 'app', 'bin');

export function workerExecutable(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'mediasoup-worker.exe' : 'mediasoup-worker';
}

export function mediasoupWorkerBin(place: WorkerBinPlace): string | undefined {
  if (place.env.MEDIASOUP_WORKER_BIN) return place.env.MEDIASOUP_WORKER_BIN;
  const exe = workerExecutable(place.platform);
  if (place.isPackaged) return path.join(place.resourcesPath, 'app.asar.unpacked', STAGED_WORKER_DIR, exe);
  const staged = path.join(place.appRoot, STAGED_WORKER_DIR, exe);
  return place.exists(staged) ? staged : undefined;
}
