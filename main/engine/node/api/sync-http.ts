// GET /api/sync/snapshot: the site as a workstation's engine caches it (sync/site-snapshot.ts).
// The caller names itself with its own key in `Authorization: Workstation <id>:<key>`, never a
// query parameter (which would land in logs). The body carries camera credentials and password
// hashes, so nothing but a registered, unrevoked workstation key gets it.
import type http from 'node:http';
import type { WireError } from '../../../../common/errors.js';
import { createLogger } from '../../../../common/logger.js';
import type { AuditLog } from '../store/audit-log.js';
import type { WorkstationRepo } from '../store/workstation-repo.js';
import type { SnapshotExport } from '../sync/snapshot-export.js';

const log = createLogger('sync-http');

/** A workstation polls every 30 s: one audit line a minute per workstation says enough. */
const AUDIT_EVERY_MS = 60_000;

export interface SyncHttpDeps {
  workstations: Pick<WorkstationRepo, 'verifyKey'>;
  snapshot: Pick<SnapshotExport, 'take'>;
  audit: AuditLog;
}

const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

/** `Workstation <id>:<key>`: the id and key, or undefined when the header is absent or malformed. */
export function workstationCredentials(header: string | undefined): { workstationId: string; key: string } | undefined {
  const match = /^Workstation\s+([^:\s]+):(\S+)\s*$/i.exec(header ?? '');
  return match ? { workstationId: match[1]!, key: match[2]! } : undefined;
}

export class SyncHttp {
  private readonly lastAudit = new Map<string, number>();

  constructor(private readonly deps: SyncHttpDeps) {}

  handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const fail = (status: number, error: WireError, extra: Record<string, string> = {}): void => {
      res.writeHead(status, { ...headers, ...extra }).end(JSON.stringify(error));
    };
    if (req.method !== 'GET') return fail(405, { code: 'BadRequest', message: 'GET the snapshot' }, { Allow: 'GET' });
    const credentials = workstationCredentials(req.headers.authorization);
    if (!credentials || !this.deps.workstations.verifyKey(credentials.workstationId, credentials.key)) {
      log.warn(`refused a snapshot to ${req.socket.remoteAddress}: no valid workstation key`);
      return fail(401, { code: 'Unauthorized', message: 'send Authorization: Workstation <id>:<key> with a registered workstation key' }, { 'WWW-Authenticate': 'Workstation' });
    }
    const { workstationId } = credentials;
    try {
      const snapshot = this.deps.snapshot.take();
      this.auditFetch(workstationId, snapshot.takenAt, snapshot.cameras.length);
      res.writeHead(200, headers).end(JSON.stringify(snapshot));
    } catch (error) {
      log.error(`snapshot for workstation ${workstationId} failed`, error);
      fail(500, { code: 'Internal', message: 'the snapshot could not be made; see the site log' });
    }
  }

  private auditFetch(workstationId: string, at: number, cameras: number): void {
    const last = this.lastAudit.get(workstationId);
    if (last !== undefined && at - last < AUDIT_EVERY_MS) return;
    this.lastAudit.set(workstationId, at);
    this.deps.audit.append({ actor: `workstation:${workstationId}`, action: 'sync.snapshot', target: `workstation:${workstationId}`, detail: { cameras } }, at);
  }
}
