// The import-direction matrix (eslint/layers.js), one block per line of the matrix, plus the few
// project-wide lint settings that protect the code base (no console, no `.only`).
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint, RuleTester, type Rule } from 'eslint';
import tseslint from 'typescript-eslint';
import layers from '../../../eslint/layers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const rule = layers.rules['import-layers'] as unknown as Rule.RuleModule;

RuleTester.describe = describe;
RuleTester.it = it;
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });

type Valid = RuleTester.ValidTestCase;
type Invalid = RuleTester.InvalidTestCase;
const ok = (file: string, code: string, options?: unknown[]): Valid => ({
  name: `${file}: ${code}`,
  filename: path.join(root, file),
  code,
  ...(options ? { options } : {}),
});
// With a full message, that text is checked (ESLint refuses both); the messageId still documents
// which line of the matrix the case is about.
const bad = (file: string, code: string, messageId: string, message?: string): Invalid => ({
  name: `${file}: ${code} → ${messageId}`,
  filename: path.join(root, file),
  code,
  errors: [message ? { message } : { messageId }],
});
// Tables of cases: one per line of code, sharing a file (or a messageId, for [file, code] rows).
const okEach = (file: string, codes: string[]): Valid[] => codes.map((code) => ok(file, code));
const badEach = (file: string, messageId: string, codes: string[]): Invalid[] =>
  codes.map((code) => bad(file, code, messageId));
const badAt = (messageId: string, rows: [file: string, code: string][]): Invalid[] =>
  rows.map(([file, code]) => bad(file, code, messageId));
const run = (valid: Valid[], invalid: Invalid[]): void => tester.run('import-layers', rule, { valid, invalid });

describe('common/ imports only common/ and runtime-agnostic packages', () => {
  const file = 'common/protocol/methods.ts';
  run(
    [
      ...okEach(file, [
        "import { z } from 'zod';",
        "import { CameraId } from '../domain/camera.js';",
        "import type { WallLayout } from '../domain/wall.js';",
        "export * from './envelope.js';",
      ]),
      ok(file, "import { nanoid } from 'nanoid';", [{ commonPackages: ['zod', 'nanoid'] }]),
    ],
    [
      bad(
        file,
        "import fs from 'node:fs';",
        'commonModule',
        "common/ must not import Node builtin 'node:fs' (common/ is plain TypeScript for Node and the browser; allowed packages: zod)",
      ),
      ...badEach(file, 'commonModule', [
        "import { EventEmitter } from 'events';",
        "const os = require('os');",
        "const p = await import('node:path');",
        "type Fs = typeof import('node:fs');",
        "import { app } from 'electron';",
        "import { useState } from 'react';",
        "import { createRoot } from 'react-dom/client';",
        "import type { RtpCapabilities } from 'mediasoup-client/lib/types';",
        "import { WebSocket } from 'ws';",
        "import { nanoid } from 'nanoid';",
      ]),
      bad(
        file,
        "import { Sfu } from '../../sfu/index.js';",
        'commonOurs',
        "common/ must not import sfu/ '../../sfu/index.js' (common/ imports nothing of ours outside common/)",
      ),
      ...badEach(file, 'commonOurs', [
        "import { openDatabase } from '../../main/engine/node/store/database.js';",
        "export * from '../../sim/node/clip.js';",
        "import '../../native/mediasoup-worker.mjs';",
        "import '../../resources/demo/site.js';",
      ]),
    ],
  );
});

describe('nothing imports renderer/ except renderer/, test/ and bench/', () => {
  const target = 'renderer/pages/wall.js';
  const from = (file: string): string => `import '${path.relative(path.dirname(file), target)}';`;
  run(
    [
      ok('renderer/app.tsx', "import { Wall } from './pages/wall.js';"),
      ok('test/e2e/wall.test.ts', from('test/e2e/wall.test.ts')),
      ok('bench/render.ts', from('bench/render.ts')),
    ],
    [
      bad(
        'main/engine/node/api-server.ts',
        from('main/engine/node/api-server.ts'),
        'renderer',
        "main/engine/ must not import renderer/ '../../../renderer/pages/wall.js' (only renderer/, test/ and bench/ may; renderer talks to the engine only over the WebSocket protocol)",
      ),
      bad('main/app/electron-main/window.ts', from('main/app/electron-main/window.ts'), 'renderer'),
      bad('sfu/index.ts', from('sfu/index.ts'), 'renderer'),
      bad('sim/node/server.ts', from('sim/node/server.ts'), 'renderer'),
      bad('native/locate.mjs', from('native/locate.mjs'), 'renderer'),
      bad('common/domain/camera.ts', from('common/domain/camera.ts'), 'renderer'),
    ],
  );
});

describe('renderer/ imports only renderer/, common/ and browser packages', () => {
  const file = 'renderer/pages/wall.tsx';
  run(
    [
      ...okEach(file, [
        "import { useState } from 'react';",
        "import { createRoot } from 'react-dom/client';",
        "import { Device } from 'mediasoup-client';",
        "import { Tile } from '../components/tile.js';",
        "import { methods } from '../../common/protocol/methods.js';",
        "const page = await import('./alerts.js');",
      ]),
      // The build script is Node code that bundles the renderer.
      ...okEach('renderer/build.ts', ["import path from 'node:path';", "import { build } from 'esbuild';"]),
    ],
    [
      bad(
        file,
        "import { Sfu } from '../../sfu/index.js';",
        'rendererOurs',
        "renderer/ must not import sfu/ '../../sfu/index.js' (renderer talks to the engine only over the WebSocket protocol; it may import renderer/ and common/)",
      ),
      ...badEach(file, 'rendererOurs', [
        "import { openDatabase } from '../../main/engine/node/store/database.js';",
        "import '../../main/app/electron-main/preload.js';",
        "import { startCamera } from '../../sim/node/server.js';",
      ]),
      bad(
        file,
        "import fs from 'node:fs';",
        'rendererModule',
        "renderer/ must not import Node builtin 'node:fs' (renderer code runs in the browser; renderer talks to the engine only over the WebSocket protocol)",
      ),
      ...badEach(file, 'rendererModule', [
        "import path from 'path';",
        "const fs = await import('fs');",
        "import { ipcRenderer } from 'electron';",
        "import * as mediasoup from 'mediasoup';",
        "import type { Router } from 'mediasoup/node/lib/types';",
        "import Database from 'better-sqlite3';",
        "import { WebSocketServer } from 'ws';",
      ]),
      // The build script may use Node, but it still does not reach into the engine.
      bad('renderer/build.ts', "import { Sfu } from '../sfu/index.js';", 'rendererOurs'),
    ],
  );
});

describe('sfu/ and main/engine/ never import electron or main/app/; sfu/ never imports main/', () => {
  run(
    [
      ...okEach('sfu/node/sfu.ts', [
        "import * as mediasoup from 'mediasoup';",
        "import dgram from 'node:dgram';",
        "import { createLogger } from '../../common/logger.js';",
        "import { parseUrl } from './rtsp/url.js';",
      ]),
      ...okEach('main/engine/node/serve.ts', [
        "import Database from 'better-sqlite3';",
        "import { startSite } from '../../../sim/node/site.js';",
      ]),
      ...okEach('main/app/electron-main/start.ts', [
        "import { app, BrowserWindow } from 'electron';",
        "import { serve } from '../../engine/node/serve.js';",
      ]),
    ],
    [
      bad(
        'sfu/node/sfu.ts',
        "import { app } from 'electron';",
        'electron',
        "sfu/ must not import electron 'electron' (sfu/ and main/engine/ run without Electron; only main/app/ may use it)",
      ),
      bad('sfu/index.ts', "export type { App } from 'electron/main';", 'electron'),
      ...badEach('main/engine/node/serve.ts', 'electron', [
        "const { app } = require('electron');",
        "import electron = require('electron');",
        "type App = typeof import('electron').app;",
        'const e = await import(`electron`);',
      ]),
      bad(
        'main/engine/node/serve.ts',
        "import { createWindow } from '../../app/electron-main/window.js';",
        'mainApp',
        "main/engine/ must not import main/app/ '../../app/electron-main/window.js' (the engine never depends on the Electron shell)",
      ),
      bad(
        'sfu/node/sfu.ts',
        "import { openDatabase } from '../../main/engine/node/store/database.js';",
        'sfuMain',
        "sfu/ must not import main/engine/ '../../main/engine/node/store/database.js' (the media plane never depends on main/; main/engine drives sfu/index.ts)",
      ),
      bad('sfu/node/sfu.ts', "import '../../main/app/electron-main/window.js';", 'sfuMain'),
    ],
  );
});

describe('outside sfu/ (and tests), sfu/ is imported only through sfu/index.ts', () => {
  const engine = 'main/engine/node/serve.ts';
  run(
    [
      ...okEach(engine, [
        "import { Sfu } from '../../../sfu/index.js';",
        "import { Sfu } from '../../../sfu/index.ts';",
        "import { Sfu } from '../../../sfu/index';",
        "import { Sfu } from '../../../sfu';",
        "const { Sfu } = await import('../../../sfu/index.js');",
      ]),
      ok('main/app/electron-main/start.ts', "import { Sfu } from '../../../sfu/index.js';"),
      ok('sfu/index.ts', "export { Sfu } from './node/sfu.js';"),
      ok('test/unit/sfu/rtsp-url.test.ts', "import { parseUrl } from '../../../sfu/node/rtsp/url.js';"),
      ok('bench/rtsp-parse.ts', "import { parse } from '../sfu/node/rtsp/message-parser.js';"),
      // Computed specifiers cannot be checked statically and are left alone.
      ok(engine, 'const m = await import(modulePath);'),
    ],
    [
      bad(
        engine,
        "import { parseUrl } from '../../../sfu/node/rtsp/url.js';",
        'sfuEntry',
        "main/engine/ must import sfu/ only through sfu/index.ts, not '../../../sfu/node/rtsp/url.js' (one entry point per capability)",
      ),
      ...badAt('sfuEntry', [
        [engine, "export { Viewer } from '../../../sfu/node/viewer.js';"],
        [engine, "const m = await import('../../../sfu/node/sfu.js');"],
        ['main/app/electron-main/start.ts', "import '../../../sfu/node/sfu.js';"],
        ['native/locate.mjs', "import '../sfu/node/load-mediasoup.js';"],
      ]),
    ],
  );
});

describe('sim/ imports only sim/, common/ and Node builtins', () => {
  const file = 'sim/node/server.ts';
  run(
    [
      ...okEach(file, [
        "import net from 'node:net';",
        "import dgram from 'dgram';",
        "import { packetize } from './rtp-packetizer.js';",
        "import { createLogger } from '../../common/logger.js';",
      ]),
    ],
    [
      bad(
        file,
        "import { z } from 'zod';",
        'simModule',
        "sim/ must not import package 'zod' (the camera simulator uses only sim/, common/ and Node builtins)",
      ),
      bad(file, "import * as mediasoup from 'mediasoup';", 'simModule'),
      bad(
        file,
        "import { Sfu } from '../../sfu/index.js';",
        'simOurs',
        "sim/ must not import sfu/ '../../sfu/index.js' (the camera simulator uses only sim/, common/ and Node builtins)",
      ),
      ...badEach(file, 'simOurs', [
        "import '../../main/engine/node/serve.js';",
        "import '../../native/mediasoup-worker.mjs';",
      ]),
    ],
  );
});

describe('library code never imports test/ or bench/, nor outside the repository', () => {
  run(
    [
      ok('test/integration/wall.test.ts', "import { startSite } from '../../sim/node/site.js';"),
      ok('test/unit/helpers.ts', "import { Sfu } from '../../sfu/index.js';"),
    ],
    [
      bad(
        'sfu/node/sfu.ts',
        "import { fakeCamera } from '../../test/helpers/fake-camera.js';",
        'testCode',
        "sfu/ must not import test/ '../../test/helpers/fake-camera.js' (library code never depends on tests or benchmarks)",
      ),
      ...badAt('testCode', [
        ['main/engine/node/serve.ts', "import '../../../bench/run.js';"],
        ['sim/node/server.ts', "import '../../test/helpers/x.js';"],
      ]),
      bad(
        'common/errors.ts',
        "import '../../elsewhere/x.js';",
        'outsideRepo',
        "common/ must not import '../../elsewhere/x.js' (it resolves outside the repository)",
      ),
    ],
  );
});

describe('runtime folders: common/ ← browser/, node/ ← electron-main/', () => {
  run(
    [
      ok('sfu/node/sfu.ts', "import { codecs } from '../common/codecs.js';"),
      ok('sfu/common/codecs.ts', "import { z } from 'zod';"),
      ok('main/engine/browser/client.ts', "import { shape } from '../common/shape.js';"),
      ...okEach('main/app/electron-main/start.ts', [
        "import { serve } from '../node/serve.js';",
        "import { app } from 'electron';",
      ]),
      ok('main/engine/node/serve.ts', "import fs from 'node:fs';"),
      ok('renderer/browser/media.ts', "import { Device } from 'mediasoup-client';"),
      // Tests run under Node whatever folder they mirror.
      ok('test/unit/common/x.test.ts', "import { serve } from '../node/serve.js';"),
    ],
    [
      bad(
        'sfu/common/codecs.ts',
        "import { load } from '../node/load-mediasoup.js';",
        'runtimeLayer',
        "sfu/ file in a common/ folder must not import node/ code '../node/load-mediasoup.js' (common/ code may import only common/ and packages for that runtime)",
      ),
      ...badAt('runtimeLayer', [
        ['sfu/common/codecs.ts', "import '../browser/x.js';"],
        ['sfu/common/codecs.ts', "import '../electron-main/x.js';"],
        ['main/engine/browser/client.ts', "import '../node/serve.js';"],
        ['main/app/browser/x.ts', "import '../electron-main/start.js';"],
        ['sfu/node/sfu.ts', "import '../browser/x.js';"],
        ['main/app/node/x.ts', "import '../electron-main/start.js';"],
        ['main/app/electron-main/start.ts', "import '../browser/x.js';"],
        // The innermost runtime folder counts, and it holds across folders.
        ['sfu/node/rtsp/common/parse.ts', "import '../node/socket.js';"],
        ['main/engine/common/x.ts', "import '../../../sim/node/server.js';"],
      ]),
      // Modules for the wrong runtime.
      bad(
        'sfu/common/codecs.ts',
        "import fs from 'node:fs';",
        'runtimeLayer',
        "sfu/ file in a common/ folder must not import Node builtin 'node:fs' (common/ code may import only common/ and packages for that runtime)",
      ),
      ...badAt('runtimeLayer', [
        ['renderer/common/format.ts', "import { useState } from 'react';"],
        ['main/engine/browser/client.ts', "import { WebSocketServer } from 'ws';"],
        ['sfu/node/sfu.ts', "import { Device } from 'mediasoup-client';"],
        ['main/app/node/x.ts', "import { app } from 'electron';"],
      ]),
    ],
  );
});

describe('electron-sandbox/ (the sandboxed preload) imports only electron, common/ and electron-sandbox/', () => {
  const preload = 'main/app/electron-sandbox/preload.ts';
  run(
    [
      ...okEach(preload, [
        "import { contextBridge, ipcRenderer } from 'electron';",
        "import { ipcRenderer } from 'electron/renderer';",
        "import { exposeWindowConfig } from './expose-window-config.js';",
        "import { WindowConfig } from '../common/window-config.js';",
        "import { z } from 'zod';",
      ]),
      // Tests run under Node whatever folder they mirror.
      ok(
        'test/unit/app/preload.test.ts',
        "import { exposeWindowConfig } from '../../../main/app/electron-sandbox/expose-window-config.js';",
      ),
    ],
    [
      bad(
        preload,
        "import fs from 'node:fs';",
        'runtimeLayer',
        "main/app/ file in a electron-sandbox/ folder must not import Node builtin 'node:fs' (electron-sandbox/ code may import only common/, electron-sandbox/, electron's renderer modules and zod: a sandboxed preload runs without Node)",
      ),
      ...badEach(preload, 'runtimeLayer', [
        "import { EventEmitter } from 'events';",
        "const { ipcMain } = require('electron/main');",
        "import '@electron/remote';",
        "import { useState } from 'react';",
        "import { WebSocket } from 'ws';",
        "import { startEngineHost } from '../node/engine-host.js';",
        "import { guardIpc } from '../electron-main/ipc-guard.js';",
      ]),
      // Main-process and Node code never import the preload's code.
      ...badAt('runtimeLayer', [
        ['main/app/electron-main/main.ts', "import '../electron-sandbox/expose-window-config.js';"],
        ['main/app/node/start.ts', "import '../electron-sandbox/preload.js';"],
      ]),
    ],
  );
});

describe('inside main/engine/node/: store/ ← sync/ ← services ← api/ ← workstation/; demo/ on services', () => {
  const engine = (folder: string): string => `main/engine/node/${folder}/x.ts`;
  run(
    [
      ...okEach(engine('store'), [
        "import { openDatabase } from './database.js';",
        "import { UserRole } from '../../../../common/domain/user.js';",
        "import Database from 'better-sqlite3';",
      ]),
      ok(engine('sync'), "import { CameraRecord } from '../store/camera-repo.js';"),
      ...okEach(engine('calls'), [
        "import { AlertQueue } from '../alerts/alert-queue.js';",
        "import { VideoWalls } from '../walls/video-walls.js';",
        "import { CameraRepo } from '../store/camera-repo.js';",
      ]),
      ...okEach(engine('api'), [
        "import type { EngineContext } from '../engine-context.js';",
        "import { serverTls } from '../tls-options.js';",
        "import { SnapshotExport } from '../sync/snapshot-export.js';",
        "import { SetupService } from '../setup/setup-service.js';",
      ]),
      ...okEach(engine('workstation'), [
        "import type { Handlers } from '../api/handlers.js';",
        "import { clientTls } from '../tls-options.js';",
        "import { SiteSnapshot } from '../sync/site-snapshot.js';",
      ]),
      ok(engine('demo'), "import { VideoWalls } from '../walls/video-walls.js';"),
      // Root files compose the engine; a folder's own subfolders are its own.
      ok('main/engine/node/site-engine.ts', "import { seedDemo } from './demo/demo-site.js';"),
      ok('main/engine/node/cli.ts', "import { upstreamOptions } from './workstation/upstream-options.js';"),
      ok('main/engine/node/api/http/x.ts', "import { handlers } from '../handlers.js';"),
    ],
    [
      bad(
        engine('store'),
        "import { SiteSnapshot } from '../sync/site-snapshot.js';",
        'areaFolder',
        "main/engine/node/store/ must not import sync/ '../sync/site-snapshot.js' (inside main/engine/node/, store/ may import no other folder or root file: the repositories are the bottom of the engine and know no service, sync, API or demo code)",
      ),
      bad(
        engine('calls'),
        "import { WallService } from '../wall-service.js';",
        'areaFolder',
        "main/engine/node/calls/ must not import a root file '../wall-service.js' (inside main/engine/node/, calls/ may import only store/, alerts/, walls/, setup/: the services hold the engine's behaviour on top of store/; api/, workstation/ and demo/ drive them, never the reverse)",
      ),
      ...badAt('areaFolder', [
        [engine('store'), "import type { Handlers } from '../api/handlers.js';"],
        [engine('store'), "import { AlertQueue } from '../alerts/alert-queue.js';"],
        [engine('store'), "import type { EngineContext } from '../engine-context.js';"],
        [engine('sync'), "import { AlertQueue } from '../alerts/alert-queue.js';"],
        [engine('sync'), "import type { Handlers } from '../api/handlers.js';"],
        [engine('sync'), "import { SiteLink } from '../workstation/site-link.js';"],
        [engine('sync'), "import { seedDemo } from '../demo/demo-site.js';"],
        [engine('alerts'), "import type { Handlers } from '../api/handlers.js';"],
        [engine('calls'), "import { SiteLink } from '../workstation/site-link.js';"],
        [engine('walls'), "import { seedDemo } from '../demo/demo-site.js';"],
        [engine('setup'), "import { SiteEngine } from '../site-engine.js';"],
        [engine('setup'), "import type { EngineContext } from '../engine-context.js';"],
        [engine('api'), "import { Workstation } from '../workstation/workstation.js';"],
        [engine('api'), "import { seedDemo } from '../demo/demo-site.js';"],
        [engine('workstation'), "import { seedDemo } from '../demo/demo-site.js';"],
        [engine('workstation'), "import { SiteEngine } from '../site-engine.js';"],
        [engine('demo'), "import type { Handlers } from '../api/handlers.js';"],
        [engine('demo'), "import { SiteLink } from '../workstation/site-link.js';"],
        [engine('demo'), "import { runCli } from '../cli.js';"],
      ]),
      bad(
        engine('media'),
        "import { CameraRepo } from '../store/camera-repo.js';",
        'areaFolderUnlisted',
        "main/engine/node/media/ must not import store/ '../store/camera-repo.js' (media/ has no line in the folder matrix of main/engine/node/ in eslint/area-folders.js: add one saying what it may import)",
      ),
    ],
  );
});

describe('inside renderer/browser/: media/ ← tiles/ ← grid/ ← the desks ← pages/ ← the router', () => {
  const page = (folder: string): string => `renderer/browser/${folder}/x.tsx`;
  run(
    [
      ...okEach(page('media'), [
        "import { EngineClient } from '../engine-client.js';",
        "import { takeAccessToken } from '../access-token.js';",
        "import { retry } from './retry.js';",
      ]),
      ...okEach(page('tiles'), [
        "import { WatchHandle } from '../media/watch-handle.js';",
        "import { useNow } from '../ui/use-now.js';",
      ]),
      ...okEach(page('grid'), [
        "import { Tile } from '../tiles/Tile.js';",
        "import { MediaSession } from '../media/media-session.js';",
        "import { cameraDrag } from '../ui/camera-drag.js';",
      ]),
      ok(page('ui'), "import { EngineClient } from '../engine-client.js';"),
      ok(page('login'), "import { useNow } from '../ui/use-now.js';"),
      ...okEach(page('call'), [
        "import { CallMedia } from '../media/call-media.js';",
        "import { releaseVideo } from '../tiles/release-video.js';",
      ]),
      ...okEach(page('alerts'), [
        "import { CallMediaViews } from '../call/CallMediaViews.js';",
        "import { gridGeometry } from '../grid/grid-geometry.js';",
        "import { LoginForm } from '../login/LoginForm.js';",
      ]),
      ...okEach(page('console'), [
        "import { gridGeometry } from '../grid/grid-geometry.js';",
        "import { cameraDrag } from '../ui/camera-drag.js';",
      ]),
      ...okEach(page('kiosk'), [
        "import { KioskCallView } from '../call/CallMediaViews.js';",
        "import { useNow } from '../ui/use-now.js';",
      ]),
      ok(page('setup'), "import { useCameraSearch } from '../ui/use-camera-search.js';"),
      ...okEach(page('pages'), [
        "import { AlertsPanel } from '../alerts/AlertsPanel.js';",
        "import { WallPanel } from '../console/WallPanel.js';",
        "import { UsersPanel } from '../setup/UsersPanel.js';",
        "import { useCameraSummaries } from './use-camera-summaries.js';",
      ]),
      // The router is the one place that imports pages.
      ok('renderer/browser/main.tsx', "import { WallPage } from './pages/WallPage.js';"),
      ok('renderer/browser/routes.ts', "import { KioskPage } from './pages/KioskPage.js';"),
    ],
    [
      bad(
        page('media'),
        "import { tileState } from '../tiles/tile-state.js';",
        'areaFolder',
        "renderer/browser/media/ must not import tiles/ '../tiles/tile-state.js' (inside renderer/browser/, media/ may import only engine-client.ts, access-token.ts: media/ is the page's media plane (transports, consumers, calls); what tiles and pages show is built on it, never inside it)",
      ),
      bad(
        page('console'),
        "import { useCameraSummaries } from '../pages/use-camera-summaries.js';",
        'areaFolder',
        "renderer/browser/console/ must not import pages/ '../pages/use-camera-summaries.js' (inside renderer/browser/, console/ may import only grid/, ui/, engine-client.ts, access-token.ts: the console's panels use the grid geometry and ui/ parts; pages compose them, never the reverse)",
      ),
      ...badAt('areaFolder', [
        [page('media'), "import { Grid } from '../grid/Grid.js';"],
        [page('media'), "import { WallPage } from '../pages/WallPage.js';"],
        [page('media'), "import { AlertsPanel } from '../alerts/AlertsPanel.js';"],
        [page('media'), "import { startKiosk } from '../kiosk/start-kiosk.js';"],
        [page('media'), "import { LoginForm } from '../login/LoginForm.js';"],
        [page('media'), "import { parseRoute } from '../routes.js';"],
        [page('tiles'), "import { Grid } from '../grid/Grid.js';"],
        [page('tiles'), "import { WallPanel } from '../console/WallPanel.js';"],
        [page('tiles'), "import { UsersPanel } from '../setup/UsersPanel.js';"],
        [page('grid'), "import { WallPage } from '../pages/WallPage.js';"],
        [page('grid'), "import { WallPanel } from '../console/WallPanel.js';"],
        [page('ui'), "import { Tile } from '../tiles/Tile.js';"],
        [page('ui'), "import { MediaSession } from '../media/media-session.js';"],
        [page('ui'), "import { LoginForm } from '../login/LoginForm.js';"],
        [page('login'), "import { AlertsPanel } from '../alerts/AlertsPanel.js';"],
        [page('login'), "import { MediaSession } from '../media/media-session.js';"],
        [page('call'), "import { AlertsPanel } from '../alerts/AlertsPanel.js';"],
        [page('alerts'), "import { ConsolePage } from '../pages/ConsolePage.js';"],
        [page('alerts'), "import { WallPanel } from '../console/WallPanel.js';"],
        [page('kiosk'), "import { KioskPage } from '../pages/KioskPage.js';"],
        [page('kiosk'), "import { AlertsPanel } from '../alerts/AlertsPanel.js';"],
        [page('setup'), "import { SetupPage } from '../pages/SetupPage.js';"],
        [page('setup'), "import { CameraList } from '../console/CameraList.js';"],
        [page('pages'), "import { main } from '../main.js';"],
      ]),
      bad(
        page('transport'),
        "import { CallMedia } from '../media/call-media.js';",
        'areaFolderUnlisted',
        "renderer/browser/transport/ must not import media/ '../media/call-media.js' (transport/ has no line in the folder matrix of renderer/browser/ in eslint/area-folders.js: add one saying what it may import)",
      ),
    ],
  );
});

describe('project lint settings', () => {
  const eslint = new ESLint({ cwd: root });
  const rulesHit = async (filePath: string, code: string): Promise<string[]> => {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
    return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
  };

  it('library code may not use the console; the logger, CLIs, scripts and tests may', async () => {
    assert.deepEqual(await rulesHit('sfu/node/x.ts', 'console.log(1);\n'), ['no-console']);
    assert.deepEqual(await rulesHit('common/logger.ts', 'console.log(1);\n'), []);
    assert.deepEqual(await rulesHit('main/engine/node/cli.ts', 'console.log(1);\n'), []);
    assert.deepEqual(await rulesHit('renderer/build.ts', 'console.log(1);\n'), []);
    assert.deepEqual(await rulesHit('native/x.mjs', 'console.log(1);\n'), []);
    assert.deepEqual(await rulesHit('bench/x.ts', 'console.log(1);\n'), []);
    assert.deepEqual(await rulesHit('test/unit/x.test.ts', 'console.log(1);\n'), []);
  });

  it('tests may not be focused with .only', async () => {
    const focused = [
      "import { describe } from 'node:test';\ndescribe.only('a', () => {});\n",
      "import { it } from 'node:test';\nit.only('a', () => {});\n",
      "import { test } from 'node:test';\ntest('a', { only: true }, () => {});\n",
      "import { describe, it } from 'node:test';\ndescribe('a', () => { it.only('b', () => {}); });\n",
      "import { test } from 'node:test';\ntest('a', async (t) => { await t.test.only('b', () => {}); });\n",
    ];
    for (const code of focused) {
      assert.deepEqual(await rulesHit('test/unit/x.test.ts', code), ['no-restricted-syntax'], code);
    }
    const besideCode = "import { test } from 'node:test';\ntest.only('a', () => {});\n";
    assert.deepEqual(await rulesHit('sfu/node/x.test.ts', besideCode), ['no-restricted-syntax']);
    const plain = "import { describe } from 'node:test';\ndescribe('a', () => {});\n";
    assert.deepEqual(await rulesHit('test/unit/x.test.ts', plain), []);
  });

  it('unused names with a leading underscore are allowed', async () => {
    assert.deepEqual(await rulesHit('sfu/node/x.ts', 'export function f(_a: number, b: number): number { return b; }\n'), []);
    assert.deepEqual(await rulesHit('sfu/node/x.ts', 'export function f(a: number): number { const x = 1; return a; }\n'), [
      '@typescript-eslint/no-unused-vars',
    ]);
  });

  it('the layering rule is on for every file', async () => {
    assert.deepEqual(await rulesHit('renderer/x.tsx', "import { Sfu } from '../sfu/index.js';\nexport { Sfu };\n"), [
      'layers/import-layers',
    ]);
    assert.deepEqual(await rulesHit('native/x.mjs', "import '../renderer/x.js';\n"), ['layers/import-layers']);
  });

  it('the cycle rule is on for product code', async () => {
    assert.deepEqual(await rulesHit('common/errors.ts', "import './errors.js';\n"), ['layers/no-import-cycle']);
  });
});
