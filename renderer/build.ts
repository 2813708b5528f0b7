// Builds the renderer bundle the engine serves: dist/renderer/{index.html, styles.css, app.js}.
// Run with `npm run build` (node --import tsx renderer/build.ts).
import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createLogger } from '../common/logger.js';

const log = createLogger('build');
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const source = path.join(here, 'browser');
const outDir = path.join(root, 'dist', 'renderer');

export async function buildRenderer(): Promise<void> {
  const started = performance.now();
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [path.join(source, 'main.tsx')],
    outfile: path.join(outDir, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    // Electron's Chromium and Debian's chromium are both well past this.
    target: ['chrome120'],
    minify: true,
    sourcemap: true,
    jsx: 'automatic',
    // React's production build; mediasoup-client's `debug` also reads process.env.
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'eof',
    logLevel: 'warning',
  });
  await Promise.all(['index.html', 'styles.css'].map((name) => copyFile(path.join(source, name), path.join(outDir, name))));
  const size = (await stat(path.join(outDir, 'app.js'))).size;
  log.info(`renderer built in ${Math.round(performance.now() - started)} ms: dist/renderer/app.js ${(size / 1024).toFixed(0)} KiB`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildRenderer().catch((error: unknown) => {
    log.error('renderer build failed', error);
    process.exitCode = 1;
  });
}
