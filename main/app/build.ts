// Builds the desktop shell into dist/app (run by `npm run build`, after the renderer):
//   main.cjs     the Electron main process (electron external)
//   preload.cjs  the sandboxed preload (only `electron` may be required there, so zod is bundled in)
//   engine/      the engine's utility process: every engine-side .ts file transpiled one to one,
//                keeping the repository layout, so each module's import.meta.url-relative paths
//                (resources/media, native/) hold exactly as in the checkout
//   bin/         the mediasoup worker, copied from native/'s cache (unpacked from the asar when packaged)
import { build, type BuildOptions } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../../common/logger.js';
import { mediasoupWorkerPath } from '../../native/mediasoup-worker.mjs';

const log = createLogger('build');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.join(root, 'dist', 'app');
/** What the engine's process runs: the engine, the media plane, the simulator and their common code. */
const ENGINE_SOURCES = ['common', 'main/engine', 'sfu', 'sim', 'main/app/common', 'main/app/node'];
const ENGINE_COPIES = ['native/mediasoup-worker.mjs', 'resources/media'];

function sourcesUnder(dir: string): string[] {
  return (fs.readdirSync(path.join(root, dir), { recursive: true }) as string[])
    .filter((file) => /\.ts$/.test(file) && !/\.(test|d)\.ts$/.test(file))
    .map((file) => path.join(root, dir, file));
}

function stageWorker(): void {
  let worker: string;
  try {
    worker = mediasoupWorkerPath();
  } catch (error) {
    log.warn(`mediasoup worker not located (${(error as Error).message}): dist/app/bin left empty`);
    return;
  }
  if (!fs.existsSync(worker)) {
    log.warn(`no mediasoup worker at ${worker} (run the install): dist/app/bin left empty`);
    return;
  }
  const target = path.join(out, 'bin', path.basename(worker));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(worker, target);
  fs.chmodSync(target, 0o755);
}

export async function buildApp(): Promise<void> {
  const started = performance.now();
  fs.rmSync(out, { recursive: true, force: true });
  const common: BuildOptions = { bundle: true, format: 'cjs', external: ['electron'], logLevel: 'warning' };
  await build({
    ...common,
    entryPoints: [path.join(root, 'main/app/electron-main/main.ts')],
    outfile: path.join(out, 'main.cjs'),
    platform: 'node',
    target: 'node20',
  });
  await build({
    ...common,
    entryPoints: [path.join(root, 'main/app/electron-sandbox/preload.ts')],
    outfile: path.join(out, 'preload.cjs'),
    platform: 'browser',
    target: 'chrome120',
  });
  await build({
    entryPoints: ENGINE_SOURCES.flatMap(sourcesUnder),
    outdir: path.join(out, 'engine'),
    outbase: root,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  for (const item of ENGINE_COPIES) fs.cpSync(path.join(root, item), path.join(out, 'engine', item), { recursive: true });
  stageWorker();
  log.info(`desktop shell built in ${Math.round(performance.now() - started)} ms: dist/app`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildApp().catch((error: unknown) => {
    log.error('desktop shell build failed', error);
    process.exitCode = 1;
  });
}
