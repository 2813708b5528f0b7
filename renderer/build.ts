// Builds the renderer bundle the engine serves: dist/renderer/{index.html, styles.css, app.js}.
// Run with `npm run build` (node --import tsx renderer/build.ts). A production bundle has no
// source maps (they would hand anyone the readable source); `--source-maps` adds app.js.map for
// debugging, which the engine serves only when started with --dev-source-maps.
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createLogger } from '../common/logger.js';
import { ENGINE_PAGE_META_CSP } from '../common/page-security.js';

const log = createLogger('build');
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const source = path.join(here, 'browser');
const outDir = path.join(root, 'dist', 'renderer');

const CSP_PLACEHOLDER = '__PAGE_CSP__';

export async function buildRenderer(options: { sourceMaps?: boolean } = {}): Promise<void> {
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
    sourcemap: options.sourceMaps ?? false,
    jsx: 'automatic',
    // React's production build; mediasoup-client's `debug` also reads process.env.
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'eof',
    logLevel: 'warning',
  });
  await Promise.all([copyFile(path.join(source, 'styles.css'), path.join(outDir, 'styles.css')), writeIndex()]);
  const size = (await stat(path.join(outDir, 'app.js'))).size;
  log.info(`renderer built in ${Math.round(performance.now() - started)} ms: dist/renderer/app.js ${(size / 1024).toFixed(0)} KiB`);
}

/** index.html with the page policy the engine also sends, so the two can never drift apart. */
async function writeIndex(): Promise<void> {
  const html = await readFile(path.join(source, 'index.html'), 'utf8');
  if (!html.includes(CSP_PLACEHOLDER)) throw new Error(`renderer/browser/index.html lacks the ${CSP_PLACEHOLDER} meta tag content`);
  await writeFile(path.join(outDir, 'index.html'), html.replace(CSP_PLACEHOLDER, ENGINE_PAGE_META_CSP));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildRenderer({ sourceMaps: process.argv.includes('--source-maps') }).catch((error: unknown) => {
    log.error('renderer build failed', error);
    process.exitCode = 1;
  });
}
