// jharokha workstation-add / workstation-revoke: the engines on operators' desks that cache the
// site and work on when it is unreachable. The key is printed once, at registration, and stored
// only as a hash: it goes into that workstation's configuration and nowhere else.
import { parseArgs } from 'node:util';
import { openRecordCommand } from './cli-record.js';
import { AuditLog } from './store/audit-log.js';
import { WorkstationRepo } from './store/workstation-repo.js';

export const workstationUsage = `       jharokha workstation-add <id> --name "Desk 1, control room" [--data-dir DIR]  (prints its key once; again: a new key)
       jharokha workstation-revoke <id> [--data-dir DIR]`;

export function workstationCommand(command: 'workstation-add' | 'workstation-revoke', argv: string[], defaultDataDir: string): string {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string' }, 'data-dir': { type: 'string', default: defaultDataDir } },
  });
  const { name: id, db } = openRecordCommand(positionals, values['data-dir'], 'workstation', workstationUsage);
  try {
    const workstations = new WorkstationRepo(db);
    const audit = new AuditLog(db);
    if (command === 'workstation-revoke') {
      workstations.revoke(id);
      audit.append({ actor: 'cli', action: 'workstation.revoke', target: `workstation:${id}` });
      // A running engine notices this commit within a second and closes the workstation's sockets.
      return `revoked ${id}: it can no longer connect or fetch the site, and its open sockets close`;
    }
    const key = db.transaction(() => {
      const issued = workstations.register(id, values.name ?? id);
      audit.append({ actor: 'cli', action: 'workstation.register', target: `workstation:${id}` });
      return issued;
    })();
    return `registered ${id}; its key (shown only now, put it in that workstation's configuration):\n${key}`;
  } finally {
    db.close();
  }
}
