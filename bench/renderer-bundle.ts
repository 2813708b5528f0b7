// The wall pages the bench opens are served from dist/renderer: build it when missing or older
// than its sources, so the bench never measures a stale renderer.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRenderer } from '../renderer/build.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
}

export async function ensureRendererBundle(): Promise<'fresh' | 'built'> {
  const bundle = path.join(root, 'dist', 'renderer', 'app.js');
  const sources = Math.max(newestMtime(path.join(root, 'renderer', 'browser')), newestMtime(path.join(root, 'common')));
  if (fs.existsSync(bundle) && fs.statSync(bundle).mtimeMs >= sources) return 'fresh';
  await buildRenderer();
  return 'built';
}
