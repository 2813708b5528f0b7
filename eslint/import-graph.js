// The import graph of product code, read from the files on disk, and the loops in it.
import fs from 'node:fs';
import path from 'node:path';
import tseslint from 'typescript-eslint';
import { moduleNamesOf } from './module-names.js';
import { repoPath } from './repository.js';

export const PRODUCT_FOLDERS = new Set(['common', 'sfu', 'main', 'renderer', 'sim', 'native']);
const SOURCE_FILE = /\.(?:[cm]?[jt]sx?)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist']);
// TypeScript's ESM convention: `./x.js` names x.ts (or x.tsx), `./x.mjs` names x.mts.
const SOURCE_FOR = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

export function isProductFile(root, file) {
  const rel = repoPath(root, file);
  return rel !== null && PRODUCT_FOLDERS.has(rel.split('/')[0]) && SOURCE_FILE.test(rel);
}

function sourceFilesBelow(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFilesBelow(full);
    return entry.isFile() && SOURCE_FILE.test(entry.name) ? [full] : [];
  });
}

/** The product file a relative specifier names, or null (packages, builtins, missing files). */
export function resolveModule(fromFile, spec, files) {
  if (!spec.startsWith('.')) return null;
  const named = path.resolve(path.dirname(fromFile), spec);
  const ext = path.extname(named);
  const candidates = [
    named,
    ...(SOURCE_FOR[ext] ?? []).map((source) => named.slice(0, -ext.length) + source),
    ...EXTENSIONS.map((e) => named + e),
    ...EXTENSIONS.map((e) => path.join(named, `index${e}`)),
  ];
  return candidates.find((candidate) => files.has(candidate)) ?? null;
}

function importsOnDisk(file, files) {
  let parsed;
  try {
    const jsx = file.endsWith('x');
    parsed = tseslint.parser.parseForESLint(fs.readFileSync(file, 'utf8'), { filePath: file, ecmaFeatures: { jsx } });
  } catch {
    return new Set(); // ESLint reports the parse error on the file itself
  }
  const targets = moduleNamesOf(parsed.ast, parsed.visitorKeys).map((spec) => resolveModule(file, spec, files));
  return new Set(targets.filter((target) => target !== null));
}

/** file → the product files it imports (every form, type-only imports included). */
export function readImportGraph(root) {
  const dirs = [...PRODUCT_FOLDERS].map((dir) => path.join(root, dir)).filter((dir) => fs.existsSync(dir));
  const files = new Set(dirs.flatMap(sourceFilesBelow));
  return { files, edges: new Map([...files].map((file) => [file, importsOnDisk(file, files)])) };
}

// Tarjan's strongly connected components of `graph` restricted to `nodes`, keeping only those
// with a loop (more than one file, or a file importing itself); each sorted, in a stable order.
function tangles(graph, nodes) {
  const inScope = new Set(nodes);
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const connect = (file) => {
    index.set(file, index.size);
    low.set(file, index.get(file));
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!inScope.has(target)) continue;
      if (!index.has(target)) {
        connect(target);
        low.set(file, Math.min(low.get(file), low.get(target)));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file), index.get(target)));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file)?.has(file)) found.push(component.sort());
  };
  for (const file of [...inScope].sort()) if (!index.has(file)) connect(file);
  return found;
}

// The shortest loop from `start` back to it inside `members`: [start, ..., last], closed by last → start.
function shortestLoop(graph, start, members) {
  const cameFrom = new Map([[start, null]]);
  const queue = [start];
  for (const file of queue) {
    for (const target of [...graph.get(file)].sort()) {
      if (!members.has(target)) continue;
      if (target === start) {
        const loop = [];
        for (let at = file; at !== null; at = cameFrom.get(at)) loop.unshift(at);
        return loop;
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, file);
        queue.push(target);
      }
    }
  }
  throw new Error(`no loop through ${start}`); // unreachable: start lies in a strongly connected component
}

/**
 * Every loop in `edges`, each once: in each tangle, the shortest loop through its first file (by
 * path) is taken and its closing import set aside, until no tangle is left. Fixing the reported
 * imports (or any other import of each loop) leaves the graph without cycles.
 */
export function findLoops(edges) {
  const graph = new Map([...edges].map(([file, targets]) => [file, new Set(targets)]));
  const loops = [];
  const pending = tangles(graph, graph.keys());
  while (pending.length > 0) {
    const component = pending.shift();
    const loop = shortestLoop(graph, component[0], new Set(component));
    loops.push(loop);
    graph.get(loop.at(-1)).delete(loop[0]);
    pending.push(...tangles(graph, component));
  }
  return loops;
}
