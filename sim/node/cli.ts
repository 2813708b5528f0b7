// node --import tsx sim/node/cli.ts --cameras 64 --port 8554 [--host 127.0.0.1] [--auth user:pass]
//   [--basic] [--oversized] [--no-sub] [--clip main-720p-gop2.h264 | --real-bitrate]
// Serves N simulated cameras named cam-001… and prints one URL per line (main, then sub).
// --real-bitrate serves clips at real camera rates (1080p at 4 Mbit/s, 360p at 512 kbit/s), made
// with ffmpeg on first use and cached (real-clips.ts); without it, the small committed clips.
import { parseArgs } from 'node:util';
import { createLogger } from '../../common/logger.js';
import { MEDIA_CLIPS, mediaPath } from './media.js';
import { ensureRealCameraClips } from './real-clips.js';
import { CameraSimulator } from './rtsp-server.js';
import type { SimCameraConfig } from './sim-camera.js';

const log = createLogger('sim:cli');

const { values } = parseArgs({
  options: {
    cameras: { type: 'string', default: '16' },
    port: { type: 'string', default: '8554' },
    host: { type: 'string', default: '127.0.0.1' },
    auth: { type: 'string' },
    basic: { type: 'boolean', default: false },
    oversized: { type: 'boolean', default: false },
    'no-sub': { type: 'boolean', default: false },
    clip: { type: 'string' },
    'real-bitrate': { type: 'boolean', default: false },
  },
});

const count = Number(values.cameras);
const port = Number(values.port);
if (!Number.isInteger(count) || count < 1 || count > 10_000 || !Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write('usage: cli.ts --cameras N --port P [--host H] [--auth user:pass] [--basic] [--oversized] [--clip F | --real-bitrate]\n');
  process.exit(2);
}
if (values.clip && values['real-bitrate']) {
  process.stderr.write('--clip and --real-bitrate exclude each other\n');
  process.exit(2);
}

function clipPath(clip: string): string {
  return clip.includes('/') ? clip : mediaPath(clip);
}

let auth: SimCameraConfig['auth'];
if (values.auth) {
  const colon = values.auth.indexOf(':');
  if (colon <= 0) {
    process.stderr.write('--auth wants user:pass\n');
    process.exit(2);
  }
  auth = { username: values.auth.slice(0, colon), password: values.auth.slice(colon + 1), scheme: values.basic ? 'basic' : 'digest' };
}

const clips = values['real-bitrate']
  ? await ensureRealCameraClips({ progress: (line) => process.stderr.write(`${line}\n`) })
  : { main: clipPath(values.clip ?? MEDIA_CLIPS.main720Gop2), sub: mediaPath(MEDIA_CLIPS.sub360Gop2) };
const cameras: SimCameraConfig[] = Array.from({ length: count }, (_, i) => ({
  id: `cam-${String(i + 1).padStart(3, '0')}`,
  main: clips.main,
  ...(values['no-sub'] ? {} : { sub: clips.sub }),
  ...(auth ? { auth } : {}),
  oversizedPackets: values.oversized,
}));

const sim = await CameraSimulator.create({ host: values.host, port, cameras });
for (const camera of cameras) {
  process.stdout.write(`${sim.url(camera.id, 'main')}\n`);
  if (camera.sub) process.stdout.write(`${sim.url(camera.id, 'sub')}\n`);
}
sim.on('session', (s) => log.info(`PLAY ${s.cameraId}/${s.stream} over ${s.transport} from ${s.remoteAddress}`));
sim.on('teardown', (s, reason) => log.info(`end ${s.cameraId}/${s.stream} (${reason})`));

const shutdown = (): void => {
  log.info('closing');
  sim.close().then(
    () => process.exit(0),
    (error: unknown) => {
      log.error('close failed', error);
      process.exit(1);
    },
  );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
