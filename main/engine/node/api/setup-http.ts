// The installer's HTTP routes: POST /api/setup/cameras.csv[?dryRun=1] with the CSV as the body.
// Plain HTTP rather than the WebSocket because an inventory is megabytes and installers script it
// (curl from a laptop on site). The caller is a logged-in installer, named by a login token in
// `Authorization: Bearer`, never a cookie or a query parameter: a page on another origin cannot
// send that header without a CORS preflight this server never grants, so it cannot ride a login.
import type http from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { toWireError, type WireError } from '../../../../common/errors.js';
import { createLogger } from '../../../../common/logger.js';
import type { UserSummary } from '../../../../common/domain/user.js';
import {
  applyCameraInventory,
  CameraImportInputError,
  DEFAULT_IMPORT_LIMITS,
  parseCameraInventory,
  type ImportLimits,
} from '../setup/camera-import.js';
import type { AuditLog } from '../store/audit-log.js';
import type { CameraRepo } from '../store/camera-repo.js';
import { mayUseRoute } from './access.js';

const log = createLogger('setup-http');

export const SETUP_PREFIX = '/api/setup/';

export interface SetupHttpDeps {
  cameras: CameraRepo;
  audit: AuditLog;
  users: { userForToken(token: string): UserSummary | undefined };
  limits?: ImportLimits;
}

const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

function reply(res: http.ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { ...headers, ...extra }).end(JSON.stringify(body));
}

/** Answers and stops reading a body we will not use (the client may still be sending megabytes). */
function refuse(req: http.IncomingMessage, res: http.ServerResponse, status: number, error: WireError, extra: Record<string, string> = {}): void {
  reply(res, status, error, { ...extra, Connection: 'close' });
  req.resume();
  res.once('finish', () => req.destroy());
}

function bearer(req: http.IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/** The body, or undefined once it passes `maxBytes` (the caller answers 413). */
function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > maxBytes) {
        over = true;
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => {
      if (!over) resolve(Buffer.concat(chunks, size));
    });
    req.once('error', reject);
  });
}

export async function handleSetupRequest(deps: SetupHttpDeps, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x');
  const limits = deps.limits ?? DEFAULT_IMPORT_LIMITS;
  if (url.pathname !== `${SETUP_PREFIX}cameras.csv`) {
    return refuse(req, res, 404, { code: 'NotFound', message: `no route ${url.pathname}` });
  }
  if (req.method !== 'POST') {
    return refuse(req, res, 405, { code: 'BadRequest', message: 'POST the CSV as the request body' }, { Allow: 'POST' });
  }
  const token = bearer(req);
  const user = token ? deps.users.userForToken(token) : undefined;
  if (!user) {
    log.warn(`refused a camera import from ${req.socket.remoteAddress}: no valid login token`);
    return refuse(req, res, 401, { code: 'Unauthorized', message: 'log in as an installer and send Authorization: Bearer <token>' }, { 'WWW-Authenticate': 'Bearer' });
  }
  if (!mayUseRoute('setup.importCameras', user)) {
    log.warn(`refused a camera import by ${user.username} (${user.role}): installers only`);
    return refuse(req, res, 403, { code: 'Forbidden', message: 'only an installer may import cameras' });
  }
  if (/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) {
    return refuse(req, res, 415, { code: 'BadRequest', message: 'send the CSV file itself as the body (Content-Type: text/csv), not a form' });
  }
  const tooLarge: WireError = { code: 'BadRequest', message: `the import takes at most ${limits.maxBytes} bytes (split the file)` };
  if (Number(req.headers['content-length'] ?? 0) > limits.maxBytes) return refuse(req, res, 413, tooLarge);
  let body: Buffer | undefined;
  try {
    body = await readBody(req, limits.maxBytes);
  } catch {
    return; // the client went away
  }
  if (!body) return refuse(req, res, 413, tooLarge);
  const dryRun = ['1', 'true', 'yes'].includes(url.searchParams.get('dryRun') ?? '');
  const actor = `installer:${user.username}`;
  try {
    // The engine's event loop also carries camera packets: parse, let it run, then write.
    const parsed = parseCameraInventory(body, limits);
    await nextTurn();
    const report = applyCameraInventory(deps.cameras, parsed, { dryRun, ...(dryRun ? {} : { audit: { log: deps.audit, actor } }) });
    log.info(
      `${dryRun ? 'dry run of a camera import' : 'camera import'} by ${actor}: ${report.rows} rows, ${report.inserted} new, ` +
        `${report.updated} changed, ${report.unchanged} unchanged, ${report.errors.length} bad`,
    );
    reply(res, 200, report);
  } catch (error) {
    if (error instanceof CameraImportInputError) {
      log.warn(`camera import by ${actor} refused: ${error.message}`);
      return reply(res, error.tooLarge ? 413 : 400, toWireError(error));
    }
    log.error(`camera import by ${actor} failed`, error);
    reply(res, 500, toWireError(error));
  }
}
