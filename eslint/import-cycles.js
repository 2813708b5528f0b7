// `layers/no-import-cycle`: product code (common/ sfu/ main/ renderer/ sim/ native/) has no import
// cycle, type-only imports included. The graph of the whole product tree is read once per lint
// process (an `eslint` run). Each loop is reported once, at the import that closes it, naming every
// file of the loop. A file whose imports differ from the disk (an editor's unsaved buffer) counts
// as it is now, and every loop through it is reported in it, since the others see the disk.
import { findLoops, isProductFile, readImportGraph, resolveModule } from './import-graph.js';
import { moduleNameVisitor, specifierOf } from './module-names.js';
import { REPOSITORY_ROOT, repoPath } from './repository.js';

const trees = new Map(); // root → { files, edges, loops }

function treeAt(root) {
  if (!trees.has(root)) trees.set(root, { ...readImportGraph(root), loops: null });
  return trees.get(root);
}

const sameSet = (a, b) => a.size === b.size && [...a].every((x) => b.has(x));

// The loops to report in `file`, importing `targets`: each as [file, imported, ..., file].
function loopsToReport(tree, file, targets) {
  const onDisk = tree.edges.get(file);
  if (onDisk && sameSet(onDisk, targets)) {
    tree.loops ??= findLoops(tree.edges);
    return tree.loops.filter((loop) => loop.at(-1) === file).map((loop) => [file, ...loop]);
  }
  const loops = findLoops(new Map(tree.edges).set(file, targets)).filter((loop) => loop.includes(file));
  return loops.map((loop) => {
    const at = loop.indexOf(file);
    return [...loop.slice(at), ...loop.slice(0, at), file];
  });
}

export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles in product code, type-only imports included' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: {
      cycle:
        'import cycle: {{loop}} (product code has no import cycles, type-only imports included: no file of a loop can be read, tested or loaded without the others; move what they share into a module they all import)',
    },
  },
  create(context) {
    const root = context.options[0]?.root ?? REPOSITORY_ROOT;
    const file = context.filename;
    if (!isProductFile(root, file)) return {};
    const tree = treeAt(root);
    const imports = [];
    return {
      ...moduleNameVisitor((nameNode) => {
        const spec = specifierOf(nameNode);
        const target = spec === null ? null : resolveModule(file, spec, tree.files);
        if (target) imports.push({ nameNode, target });
      }),
      'Program:exit'() {
        const targets = new Set(imports.map((i) => i.target));
        for (const loop of loopsToReport(tree, file, targets)) {
          const closing = imports.find((i) => i.target === loop[1]);
          const names = loop.map((f) => repoPath(root, f));
          context.report({ node: closing.nameNode, messageId: 'cycle', data: { loop: names.join(' → ') } });
        }
      },
    };
  },
};
