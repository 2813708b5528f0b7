// Inside an area's runtime folder (main/engine/node/, renderer/browser/) the code is split into
// folders by what it does; this is the matrix of which folder may import which, as data. A folder
// may always import its own files and what lies outside the area (common/, packages, builtins, as
// the area's own rules allow). Root files (the composition root, the router) may import anything;
// a folder imports only the root files its line names. A folder with no line may import no
// sibling: adding a folder means saying what it may use, and why.
const ENGINE_SERVICES = ['alerts/', 'calls/', 'walls/', 'setup/'];
const otherServices = (folder) => ENGINE_SERVICES.filter((s) => s !== folder);
const SERVICE_WHY =
  "the services hold the engine's behaviour on top of store/; api/, workstation/ and demo/ drive them, never the reverse";
// The context handed to the API handlers (types only) and the TLS settings both sides of a link read.
const ENGINE_SHARED_ROOT = ['engine-context.ts', 'tls-options.ts'];
// The engine client and the token the shell handed over: every part of a page talks through them.
const RENDERER_SHARED_ROOT = ['engine-client.ts', 'access-token.ts'];

// What each folder may import besides its own files.
export const MAY_IMPORT = {
  'main/engine/node': {
    'store/': [],
    'sync/': ['store/'],
    'alerts/': ['store/', ...otherServices('alerts/')],
    'calls/': ['store/', ...otherServices('calls/')],
    'walls/': ['store/', ...otherServices('walls/')],
    'setup/': ['store/', ...otherServices('setup/')],
    'api/': [...ENGINE_SERVICES, 'store/', 'sync/', ...ENGINE_SHARED_ROOT],
    'workstation/': ['api/', 'store/', 'sync/', ...ENGINE_SERVICES, ...ENGINE_SHARED_ROOT],
    'demo/': ['store/', ...ENGINE_SERVICES],
  },
  'renderer/browser': {
    'media/': [...RENDERER_SHARED_ROOT],
    'tiles/': ['media/', 'ui/', ...RENDERER_SHARED_ROOT],
    'grid/': ['tiles/', 'media/', 'ui/', ...RENDERER_SHARED_ROOT],
    'ui/': [...RENDERER_SHARED_ROOT],
    'login/': ['ui/', ...RENDERER_SHARED_ROOT],
    'call/': ['media/', 'tiles/', ...RENDERER_SHARED_ROOT],
    'alerts/': ['call/', 'grid/', 'login/', 'media/', 'ui/', ...RENDERER_SHARED_ROOT],
    'console/': ['grid/', 'ui/', ...RENDERER_SHARED_ROOT],
    'kiosk/': ['call/', 'media/', 'ui/', ...RENDERER_SHARED_ROOT],
    'setup/': ['ui/', ...RENDERER_SHARED_ROOT],
    'pages/': ['alerts/', 'console/', 'grid/', 'kiosk/', 'login/', 'media/', 'setup/', 'ui/', ...RENDERER_SHARED_ROOT],
  },
};

// Why each folder may import only that, as the message says it.
const WHY = {
  'main/engine/node/store/': 'the repositories are the bottom of the engine and know no service, sync, API or demo code',
  'main/engine/node/sync/': "a site's snapshot for its workstations is made of store/ records alone",
  'main/engine/node/alerts/': SERVICE_WHY,
  'main/engine/node/calls/': SERVICE_WHY,
  'main/engine/node/walls/': SERVICE_WHY,
  'main/engine/node/setup/': SERVICE_WHY,
  'main/engine/node/api/':
    'api/ puts the services on the network; workstation mode plugs in through the port api/ defines, and demo seeding is no part of it',
  'main/engine/node/workstation/': 'workstation mode implements the port api/ defines, on store/, sync/ and the services',
  'main/engine/node/demo/': 'demo seeding fills store/ through the services and never touches the API or workstation mode',
  'renderer/browser/media/':
    "media/ is the page's media plane (transports, consumers, calls); what tiles and pages show is built on it, never inside it",
  'renderer/browser/tiles/':
    "a tile shows one stream from media/; which tiles exist and where is the grid's and the pages' business",
  'renderer/browser/grid/': 'the grid lays out tiles and picks their streams; panels and pages place the grid',
  'renderer/browser/ui/': 'ui/ holds the small parts every feature shares, so it depends on none of them',
  'renderer/browser/login/': 'logging in comes before every desk, so it uses only ui/ parts and the engine client',
  'renderer/browser/call/': "call/ shows a call's media with tile parts; the desks that place calls use it",
  'renderer/browser/alerts/': 'the alert desk is built on calls, the grid geometry, login and ui/ parts; pages place it',
  'renderer/browser/console/':
    "the console's panels use the grid geometry and ui/ parts; pages compose them, never the reverse",
  'renderer/browser/kiosk/': 'the help-point kiosk is its buttons and its call, on call/, media/ and ui/; pages place it',
  'renderer/browser/setup/': 'the setup panels are built on ui/ parts (the camera search among them); pages compose them',
  'renderer/browser/pages/': 'a page composes the feature folders, and only the router (main.tsx, routes.ts) imports pages',
};

export const areaFolderMessages = {
  areaFolder: "{{importer}} must not import {{target}} '{{spec}}' (inside {{base}}/, {{folder}} may import {{allowed}}: {{why}})",
  areaFolderUnlisted:
    "{{importer}} must not import {{target}} '{{spec}}' ({{folder}} has no line in the folder matrix of {{base}}/ in eslint/area-folders.js: add one saying what it may import)",
};

const moduleName = (file) => file.replace(/\.(?:[cm]?[jt]sx?)$/, '');

// `main/engine/node/api/handlers.ts` in main/engine/node → { folder: 'api/' }; a root file → { file }.
function placeIn(base, rel) {
  if (!rel.startsWith(`${base}/`)) return null;
  const parts = rel.slice(base.length + 1).split('/');
  return parts.length === 1 ? { folder: null, file: parts[0] } : { folder: `${parts[0]}/` };
}

/** [messageId, data] when `fromRel` may not import `toRel` (both repository paths), or null. */
export function checkAreaFolders(fromRel, toRel) {
  for (const [base, folders] of Object.entries(MAY_IMPORT)) {
    const from = placeIn(base, fromRel);
    const to = placeIn(base, toRel);
    if (!from || !to) continue;
    if (!from.folder || from.folder === to.folder) return null;
    const target = to.folder ?? 'a root file';
    const data = { importer: `${base}/${from.folder}`, target, base, folder: from.folder };
    const may = folders[from.folder];
    if (!may) return ['areaFolderUnlisted', data];
    const mayImport = to.folder
      ? may.includes(to.folder)
      : may.some((file) => moduleName(file) === moduleName(to.file));
    if (mayImport) return null;
    const allowed = may.length ? `only ${may.join(', ')}` : 'no other folder or root file';
    return ['areaFolder', { ...data, allowed, why: WHY[data.importer] }];
  }
  return null;
}
