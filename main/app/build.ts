// Bundles the Electron main process into dist/app/main.cjs (electron stays external).
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
await build({
  entryPoints: [path.join(root, 'main/app/electron-main/main.ts')],
  outfile: path.join(root, 'dist/app/main.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  logLevel: 'warning',
});
