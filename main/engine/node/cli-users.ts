// jharokha user-add / user-disable: accounts for a site that is not the demo. The password is read
// from standard input (never an argument, which other users of the machine could see in `ps`).
import { parseArgs } from 'node:util';
import { UserRole } from '../../../common/domain/user.js';
import { openRecordCommand } from './cli-record.js';
import { AuditLog } from './store/audit-log.js';
import { UserRepo } from './store/user-repo.js';

export const userUsage = `       jharokha user-add <username> --role operator|supervisor|installer|wall --name "Display Name" [--data-dir DIR]  (password on stdin)
       jharokha user-disable <username> [--data-dir DIR]`;

async function readPassword(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stdin) text += String(chunk);
  return text.split(/\r?\n/)[0] ?? '';
}

export async function userCommand(command: 'user-add' | 'user-disable', argv: string[], defaultDataDir: string): Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' }, 'data-dir': { type: 'string', default: defaultDataDir } },
  });
  const { name: username, db } = openRecordCommand(positionals, values['data-dir'], 'user', userUsage);
  try {
    const users = new UserRepo(db);
    const audit = new AuditLog(db);
    if (command === 'user-disable') {
      if (!users.get(username)) throw new Error(`no active user ${username}`);
      users.disable(username);
      audit.append({ actor: 'cli', action: 'user.disable', target: `user:${username}` });
      // A running engine is not told: it notices this commit to the same file within a second
      // (api/revocation-watch.ts) and puts the user's open sockets out then.
      return `disabled ${username}; their logins have ended (a running engine closes their open sessions within a second)`;
    }
    const role = UserRole.safeParse(values.role);
    if (!role.success) throw new Error(`--role must be one of ${UserRole.options.join(', ')}`);
    const user = await users.upsert({ username, displayName: values.name ?? username, role: role.data, password: await readPassword(process.stdin) });
    audit.append({ actor: 'cli', action: 'user.upsert', target: `user:${user.username}`, detail: { role: user.role } });
    return `saved ${user.username} (${user.role})`;
  } finally {
    db.close();
  }
}
