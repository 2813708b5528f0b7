// Local ESLint plugin. `layers/import-layers` enforces which part of Jharokha may import which.
// Written after VS Code's `code-import-patterns` rule: every module specifier in a file (static and
// dynamic import, `export ... from`, require, `import x = require`, `typeof import(...)`) is
// classified, and the importer's area and runtime folder decide whether it is allowed; inside an
// area, the folder matrix of `area-folders.js` decides between its folders.
// The matrix lives in `check()`; the reasons in `messages` are what a contributor reads.
// `layers/no-import-cycle` (import-cycles.js) keeps product code free of import cycles.
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { areaFolderMessages, checkAreaFolders } from './area-folders.js';
import { noImportCycle } from './import-cycles.js';
import { moduleNameVisitor, specifierOf } from './module-names.js';
import { REPOSITORY_ROOT, repoPath } from './repository.js';

const AREAS = new Set(['common', 'sfu', 'renderer', 'sim', 'native', 'test', 'bench', 'eslint']);
const LIBRARY = new Set(['common', 'sfu', 'main/engine', 'main/app', 'renderer', 'sim', 'native']);
const RUNTIME_FOLDERS = new Set(['common', 'node', 'browser', 'electron-main', 'electron-sandbox']);
const LAYER_MAY_IMPORT = {
  common: ['common'],
  browser: ['common', 'browser'],
  node: ['common', 'node'],
  'electron-main': ['common', 'node', 'electron-main'],
  'electron-sandbox': ['common', 'electron-sandbox'],
};
// A sandboxed preload gets only Electron's renderer-side modules: no Node, no main-process API.
const SANDBOX_ELECTRON = new Set(['electron', 'electron/renderer', 'electron/common']);
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
  ...areaFolderMessages,
};

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
    const rel = repoPath(root, path.resolve(path.dirname(file), spec));
    if (rel === null) return { kind: 'outside' };
    const area = areaOf(rel);
    const target = area ? `${area}/` : `${rel.split('/')[0]}/`;
    return { kind: 'ours', rel, area, target, layer: layerOf(rel, area) };
  }
  if (spec.startsWith('node:') || isBuiltin(spec)) return { kind: 'builtin', spec, what: 'Node builtin' };
  const name = spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
  const what = isElectron(name)
    ? 'electron'
    : DOM_ONLY.has(name)
      ? 'browser-only package'
      : SERVER_ONLY.has(name)
        ? 'server-only package'
        : 'package';
  return { kind: 'package', spec, name, what };
}

// Returns [messageId, extraData] for the first rule `spec` breaks, or null.
function check(from, to, options) {
  const { area } = from;
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

  // Tests and benchmarks run under Node whatever folder they mirror, so they are exempt from the
  // runtime folders and the folder matrix.
  if (area === 'test' || area === 'bench') return null;
  return checkRuntimeLayer(from, to, options) ?? (ours ? checkAreaFolders(from.rel, to.rel) : null);
}

// Runtime folders (VS Code's common/node/browser/electron-main/electron-sandbox split).
function checkRuntimeLayer({ layer }, to, options) {
  if (!layer) return null;
  const allowed = LAYER_MAY_IMPORT[layer];
  const folders = allowed.map((l) => `${l}/`).join(', ');
  const layerData = { layer, allowed: `${folders} and packages for that runtime` };
  if (layer === 'electron-sandbox') {
    const packages = ["electron's renderer modules", ...options.commonPackages].join(' and ');
    layerData.allowed = `${folders}, ${packages}: a sandboxed preload runs without Node`;
  }
  if (to.kind === 'ours') {
    if (to.layer && !allowed.includes(to.layer)) return ['runtimeLayer', { ...layerData, what: `${to.layer}/ code` }];
    return null;
  }
  if (layer === 'electron-sandbox') {
    const sandboxed = SANDBOX_ELECTRON.has(to.spec) || options.commonPackages.includes(to.name);
    return sandboxed ? null : ['runtimeLayer', { ...layerData, what: to.what }];
  }
  const nodeOnly = to.kind === 'builtin' || SERVER_ONLY.has(to.name);
  const forbidden =
    (to.what === 'electron' && layer !== 'electron-main') ||
    (nodeOnly && (layer === 'common' || layer === 'browser')) ||
    (DOM_ONLY.has(to.name) && layer !== 'browser');
  return forbidden ? ['runtimeLayer', { ...layerData, what: to.what }] : null;
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
    const options = { root: REPOSITORY_ROOT, commonPackages: COMMON_PACKAGES, ...context.options[0] };
    const file = context.filename;
    const rel = repoPath(options.root, file);
    if (rel === null) return {};
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

    return moduleNameVisitor(visit);
  },
};

export default {
  meta: { name: 'jharokha-layers' },
  rules: { 'import-layers': importLayers, 'no-import-cycle': noImportCycle },
};
