// Paths as the lint rules name them: relative to the repository root, with forward slashes.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `file` relative to `root` in forward slashes, or null when it lies outside `root`. */
export function repoPath(root, file) {
  const rel = path.relative(root, file).split(path.sep).join('/');
  return rel.startsWith('..') || path.isAbsolute(rel) ? null : rel;
}
