// Local ESLint plugin: `layers/import-layers` enforces which part of Jharokha may import which.
// Written after VS Code's `code-import-patterns` rule: every module specifier in a file (static and
// dynamic import, `export ... from`, require, `import x = require`, `typeof import(...)`) is
// classified, and the importer's area and runtime folder decide whether it is allowed.
// The matrix lives in `check()`; the reasons in `messages` are what a contributor reads.
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DEFAULT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const AREAS = new Set(['common', 'sfu', 'renderer', 'sim', 'native', 'test', 'bench', 'eslint']);
const LIBRARY = new Set(['common', 'sfu', 'main/engine', 'main/app', 'renderer', 'sim', 'native']);
const RUNTIME_FOLDERS = new Set(['common', 'node', 'browser', 'electron-main']);
const LAYER_MAY_IMPORT = {
  common: ['common'],
  browser: ['common', 'browser'],
  node: ['common', 'node'],
  'electron-main': ['common', 'node', 'electron-main'],
};
const COMMON_PACKAGES = ['zod']; // runtime-agnostic packages that common/ may use
const DOM_ONLY = new Set(['react', 'react-dom', 'mediasoup-client']);
const SERVER_ONLY = new Set(['mediasoup', 'better-sqlite3', 'ws']);
const isElectron = (name) => name === 'electron' || name.startsWith('@electron/');

const WHY_RENDERER = 'renderer talks to the engine only over the WebSocket protocol';
const WHY_SIM = 'the camera simulator uses only sim/, common/ and Node builtins';
const messages = {
  outsideRepo: "{{importer}} must not import '{{spec}}' (it resolves outside the repository)",
  testCode: "{{importer}} must not import {{target}} '{{spec}}' (library code never depends on tests or benchmarks)",
  renderer: `{{importer}} must not import renderer/ '{{spec}}' (only renderer/, test/ and bench/ may; ${WHY_RENDERER})`,
  commonOurs: "common/ must not import {{target}} '{{spec}}' (common/ imports nothing of ours outside common/)",
  commonModule:
    "common/ must not import {{what}} '{{spec}}' (common/ is plain TypeScript for Node and the browser; allowed packages: {{allowed}})",
  rendererOurs: `renderer/ must not import {{target}} '{{spec}}' (${WHY_RENDERER}; it may import renderer/ and common/)`,
  rendererModule: `renderer/ must not import {{what}} '{{spec}}' (renderer code runs in the browser; ${WHY_RENDERER})`,
  electron: "{{importer}} must not import electron '{{spec}}' (sfu/ and main/engine/ run without Electron; only main/app/ may use it)",
  mainApp: "{{importer}} must not import main/app/ '{{spec}}' (the engine never depends on the Electron shell)",
  sfuMain: "sfu/ must not import {{target}} '{{spec}}' (the media plane never depends on main/; main/engine drives sfu/index.ts)",
  sfuEntry: "{{importer}} must import sfu/ only through sfu/index.ts, not '{{spec}}' (one entry point per capability)",
  simOurs: `sim/ must not import {{target}} '{{spec}}' (${WHY_SIM})`,
  simModule: `sim/ must not import {{what}} '{{spec}}' (${WHY_SIM})`,
  runtimeLayer:
    "{{importer}} file in a {{layer}}/ folder must not import {{what}} '{{spec}}' ({{layer}}/ code may import only {{allowed}})",
};

const toPosix = (p) => p.split(path.sep).join('/');

function areaOf(rel) {
  const [first, second] = rel.split('/');
  if (first === 'main' && (second === 'engine' || second === 'app')) return `main/${second}`;
  return AREAS.has(first) ? first : null;
}

// The innermost runtime folder below the area (`sfu/node/rtsp/x.ts` → node), or null.
function layerOf(rel, area) {
  const dirs = rel.split('/').slice(area ? area.split('/').length : 0, -1);
  return dirs.reverse().find((d) => RUNTIME_FOLDERS.has(d)) ?? null;
}

function classify(spec, file, root) {
  if (spec.startsWith('.') || path.isAbsolute(spec)) {
    const rel = toPosix(path.relative(root, path.resolve(path.dirname(file), spec)));
    if (rel.startsWith('..') || path.isAbsolute(rel)) return { kind: 'outside' };
    const area = areaOf(rel);
    const target = area ? `${area}/` : `${rel.split('/')[0]}/`;
    return { kind: 'ours', rel, area, target, layer: layerOf(rel, area) };
  }
  if (spec.startsWith('node:') || isBuiltin(spec)) return { kind: 'builtin', what: 'Node builtin' };
  const name = spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
  const what = isElectron(name)
    ? 'electron'
    : DOM_ONLY.has(name)
      ? 'browser-only package'
      : SERVER_ONLY.has(name)
        ? 'server-only package'
        : 'package';
  return { kind: 'package', name, what };
}

// Returns [messageId, extraData] for the first rule `spec` breaks, or null.
function check(from, to, options) {
  const { area, layer } = from;
  if (to.kind === 'outside') return ['outsideRepo'];
  const ours = to.kind === 'ours';
  if (ours && LIBRARY.has(area) && (to.area === 'test' || to.area === 'bench')) return ['testCode'];
  if (ours && to.area === 'renderer' && !['renderer', 'test', 'bench'].includes(area)) return ['renderer'];

  if (area === 'common') {
    if (ours) return to.area === 'common' ? null : ['commonOurs'];
    if (!options.commonPackages.includes(to.name)) return ['commonModule'];
  }
  if (area === 'renderer') {
    if (ours && to.area !== 'renderer' && to.area !== 'common') return ['rendererOurs'];
    const buildScript = from.rel === 'renderer/build.ts'; // a Node build script, not browser code
    if (!ours && !buildScript && (to.kind === 'builtin' || to.what === 'electron' || SERVER_ONLY.has(to.name))) {
      return ['rendererModule'];
    }
  }
  if (area === 'sfu' || area === 'main/engine') {
    if (to.what === 'electron') return ['electron'];
    if (area === 'sfu' && ours && to.rel.startsWith('main/')) return ['sfuMain'];
    if (to.area === 'main/app') return ['mainApp'];
  }
  if (area === 'sim') {
    if (ours && to.area !== 'sim' && to.area !== 'common') return ['simOurs'];
    if (to.kind === 'package') return ['simModule'];
  }
  if (ours && to.area === 'sfu' && !['sfu', 'test', 'bench'].includes(area)) {
    const bare = to.rel.replace(/\.(?:[cm]?[jt]sx?)$/, '');
    if (bare !== 'sfu' && bare !== 'sfu/index') return ['sfuEntry'];
  }

  // Runtime folders (VS Code's common/node/browser/electron-main split). Tests and benchmarks
  // run under Node whatever folder they mirror, so they are exempt.
  if (!layer || area === 'test' || area === 'bench') return null;
  const allowed = LAYER_MAY_IMPORT[layer];
  const layerData = { layer, allowed: `${allowed.map((l) => `${l}/`).join(', ')} and packages for that runtime` };
  if (ours) {
    if (to.layer && !allowed.includes(to.layer)) return ['runtimeLayer', { ...layerData, what: `${to.layer}/ code` }];
    return null;
  }
  const nodeOnly = to.kind === 'builtin' || SERVER_ONLY.has(to.name);
  const forbidden =
    (to.what === 'electron' && layer !== 'electron-main') ||
    (nodeOnly && (layer === 'common' || layer === 'browser')) ||
    (DOM_ONLY.has(to.name) && layer !== 'browser');
  return forbidden ? ['runtimeLayer', { ...layerData, what: to.what }] : null;
}

function specifierOf(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  if (node.type === 'TSLiteralType') return specifierOf(node.literal);
  return null;
}

const importLayers = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import direction between areas and runtime folders of Jharokha' },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string' }, commonPackages: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
    messages,
  },
  create(context) {
    const options = { root: DEFAULT_ROOT, commonPackages: COMMON_PACKAGES, ...context.options[0] };
    const file = context.filename;
    const rel = toPosix(path.relative(options.root, file));
    if (rel.startsWith('..') || path.isAbsolute(rel)) return {};
    const area = areaOf(rel);
    const from = { rel, area, layer: layerOf(rel, area) };
    const importer = area ? `${area}/` : `${rel.split('/')[0]}`;

    function visit(sourceNode) {
      const spec = specifierOf(sourceNode);
      if (spec === null) return; // computed specifiers cannot be checked statically
      const to = classify(spec, file, options.root);
      const broken = check(from, to, options);
      if (!broken) return;
      const [messageId, extra] = broken;
      const data = {
        importer,
        spec,
        target: to.target ?? '',
        what: to.what ?? '',
        allowed: options.commonPackages.join(', ') || 'none',
        ...extra,
      };
      context.report({ node: sourceNode, messageId, data });
    }

    return {
      ImportDeclaration: (node) => visit(node.source),
      ExportNamedDeclaration: (node) => visit(node.source),
      ExportAllDeclaration: (node) => visit(node.source),
      ImportExpression: (node) => visit(node.source),
      TSImportType: (node) => visit(node.argument),
      TSExternalModuleReference: (node) => visit(node.expression),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') visit(node.arguments[0]);
      },
    };
  },
};

export default { meta: { name: 'jharokha-layers' }, rules: { 'import-layers': importLayers } };
