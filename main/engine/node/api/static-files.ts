// Serves the built renderer. Page routes all get index.html; only known files are served, so a
// crafted path can never reach outside the bundle directory.
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

const pageRoutes = [/^\/$/, /^\/console\/?$/, /^\/setup\/?$/, /^\/wall\/[a-z0-9-]+\/[a-z0-9-]+\/?$/, /^\/callbox\/[a-z0-9-]+\/?$/];

const securityHeaders = {
  'Content-Security-Policy':
    "default-src 'self'; connect-src 'self' ws: wss:; media-src 'self' blob: mediastream:; img-src 'self' data:; style-src 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

export function serveStatic(root: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  const pathname = new URL(req.url ?? '/', 'http://x').pathname;
  const name = pageRoutes.some((r) => r.test(pathname)) ? 'index.html' : pathname.slice(1);
  const file = path.resolve(root, name);
  const type = types[path.extname(file)];
  if (!/^[\w.-]+$/.test(name) || !type || path.dirname(file) !== path.resolve(root) || !fs.existsSync(file)) {
    res.writeHead(404, { 'Content-Type': 'text/plain', ...securityHeaders }).end(
      fs.existsSync(path.join(root, 'index.html')) ? 'not found' : 'renderer not built: run npm run build',
    );
    return;
  }
  res.writeHead(200, { 'Content-Type': type, ...securityHeaders });
  fs.createReadStream(file).pipe(res);
}
