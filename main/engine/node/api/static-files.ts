// Serves the built renderer. Page routes all get index.html; only known files are served, so a
// crafted path can never reach outside the bundle directory. Source maps only when the engine was
// started for debugging: in production they would hand anyone the readable source.
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { ENGINE_PAGE_CSP } from '../../../../common/page-security.js';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
const SOURCE_MAP_TYPE = 'application/json';

const pageRoutes = [/^\/$/, /^\/console\/?$/, /^\/setup\/?$/, /^\/wall\/[a-z0-9-]+\/[a-z0-9-]+\/?$/, /^\/callbox\/[a-z0-9-]+\/?$/];

// X-Frame-Options for browsers that predate frame-ancestors: no page of ours is ever framed.
const securityHeaders = {
  'Content-Security-Policy': ENGINE_PAGE_CSP,
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

export interface StaticSite {
  root: string;
  /** Serve the bundle's .map files (a debugging build, `--dev-source-maps`). */
  sourceMaps: boolean;
}

export function serveStatic(site: StaticSite, req: http.IncomingMessage, res: http.ServerResponse): void {
  const { root } = site;
  const pathname = new URL(req.url ?? '/', 'http://x').pathname;
  const name = pageRoutes.some((r) => r.test(pathname)) ? 'index.html' : pathname.slice(1);
  const file = path.resolve(root, name);
  const extension = path.extname(file);
  const type = extension === '.map' && site.sourceMaps ? SOURCE_MAP_TYPE : types[extension];
  if (!/^[\w.-]+$/.test(name) || !type || path.dirname(file) !== path.resolve(root) || !fs.existsSync(file)) {
    res.writeHead(404, { 'Content-Type': 'text/plain', ...securityHeaders }).end(
      fs.existsSync(path.join(root, 'index.html')) ? 'not found' : 'renderer not built: run npm run build',
    );
    return;
  }
  res.writeHead(200, { 'Content-Type': type, ...securityHeaders });
  fs.createReadStream(file).pipe(res);
}
