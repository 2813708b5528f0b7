// People who log in, and their login sessions. Passwords are kept only as scrypt hashes and the
// values made from them (passwords.ts); a login hands back a random token whose SHA-256 is all the
// store keeps, so neither a copied database nor the audit log lets anyone in.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { Password, UserRole, UserSummary, Username } from '../../../../common/domain/user.js';
import { JharokhaError, parseInput } from '../../../../common/errors.js';
import { TypedEmitter } from '../../../../common/typed-emitter.js';
import type { Db } from './database.js';
import { carryProofMatches, hashPassword, makeOfflineSecrets, passwordMatches } from './passwords.js';

/** One shift and a margin: an operator logs in again at the start of the next. */
export const LOGIN_LIFETIME_MS = 14 * 3600_000;

export const UserInput = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(80),
  role: UserRole,
  password: Password,
});
export type UserInput = z.input<typeof UserInput>;

export interface LoginGrant {
  token: string;
  expiresAt: number;
  user: UserSummary;
}

interface Row {
  username: string;
  display_name: string;
  role: string;
  /** The login hash; '' in a workstation's copy of the site's users, which checks the verifier instead. */
  password_hash: string;
  offline_verifier: string | null;
  carry_salt: string | null;
  /** Only on the site. */
  carry_key: string | null;
  disabled_at: number | null;
}

const toSummary = (row: Row): UserSummary => UserSummary.parse({ username: row.username, displayName: row.display_name, role: row.role });
/** What the store keeps of a login token. */
export const sha256 = (token: string): string => createHash('sha256').update(token, 'utf8').digest('base64url');

/** What a workstation needs to check a password offline and carry the login to the site. */
export interface OfflineLogin {
  verifier: string;
  carrySalt: string;
}

/**
 * A user as a site hands it to its workstations: engine to engine only, never sent to a client.
 * Neither the login hash nor the carry key: what it holds logs nobody in on the site. No `offline`
 * for a user who has not logged in on the site since it began making them.
 */
export interface StoredUser {
  username: string;
  displayName: string;
  role: UserRole;
  disabled: boolean;
  offline?: OfflineLogin;
}

/** A login session as stored: the token's SHA-256, never the token. */
export interface StoredLoginSession {
  tokenHash: string;
  username: string;
  expiresAt: number;
}

/**
 * Sockets already logged in follow these: a new display name shows at once; a disabled user, or one
 * whose logins a new password or role ended, is put out.
 */
export type UserRepoEvents = { changed: [user: UserSummary]; disabled: [username: string]; loginsEnded: [username: string] };

export class UserRepo extends TypedEmitter<UserRepoEvents> {
  /** A hash to compare against when the user does not exist, so timing does not tell names apart. */
  private decoy: Promise<string> | undefined;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  /** Creates a user, or replaces an existing one's name, role and password (see save()). */
  async upsert(input: UserInput): Promise<UserSummary> {
    return (await this.save(input)).user;
  }

  /**
   * Creates or replaces a user. A new password or a new role ends the user's login sessions (all
   * but `keepToken`'s, the login of the person saving their own account): whoever logged in with
   * the old password, or was trusted under the old role, logs in again.
   */
  async save(input: UserInput, keepToken?: string): Promise<{ user: UserSummary; loginsEnded: number }> {
    const user = parseInput(UserInput, input, 'user');
    const before = this.row(user.username);
    const hash = await hashPassword(user.password);
    const offline = await makeOfflineSecrets(user.password);
    const credentialsChanged = before !== undefined && (before.role !== user.role || !(await passwordMatches(user.password, before.password_hash)));
    // A new password makes new offline values too: logins a workstation carries under the old ones are refused.
    const loginsEnded = this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO users (username, display_name, role, password_hash, offline_verifier, carry_salt, carry_key, updated_at)
           VALUES (@username, @displayName, @role, @hash, @verifier, @carrySalt, @carryKey, @now)
           ON CONFLICT(username) DO UPDATE SET display_name = excluded.display_name, role = excluded.role,
             password_hash = excluded.password_hash, offline_verifier = excluded.offline_verifier, carry_salt = excluded.carry_salt,
             carry_key = excluded.carry_key, disabled_at = NULL, updated_at = excluded.updated_at`,
        )
        .run({ username: user.username, displayName: user.displayName, role: user.role, hash, ...offline, now: this.now() });
      if (!credentialsChanged) return 0;
      return this.db.prepare('DELETE FROM login_sessions WHERE username = ? AND token_hash != ?').run(user.username, keepToken ? sha256(keepToken) : '').changes;
    })();
    const saved = { username: user.username, displayName: user.displayName, role: user.role };
    this.safeEmit('changed', saved);
    if (loginsEnded > 0) this.safeEmit('loginsEnded', user.username);
    return { user: saved, loginsEnded };
  }

  get(username: string): UserSummary | undefined {
    const row = this.row(username);
    return row && row.disabled_at == null ? toSummary(row) : undefined;
  }

  list(): UserSummary[] {
    const rows = this.db.prepare('SELECT * FROM users WHERE disabled_at IS NULL ORDER BY username').all() as Row[];
    return rows.map(toSummary);
  }

  /**
   * Checks the password and opens a login session; one message for every refusal, except for a
   * user a workstation's copy cannot check yet. The site checks its login hash, a workstation's
   * copy the offline verifier. A user the site has no offline values for yet gains them here.
   */
  async login(username: string, password: string): Promise<LoginGrant> {
    const name = Username.safeParse(username);
    const row = name.success ? this.row(name.data) : undefined;
    const typed = password.slice(0, 256);
    const check = row ? row.password_hash || row.offline_verifier : null;
    const matches = await passwordMatches(typed, check ?? (await (this.decoy ??= hashPassword(randomBytes(16).toString('hex')))));
    if (row && !check && row.disabled_at == null) {
      throw new JharokhaError('Unauthorized', `${row.username} can log in here only after logging in once on the site server`);
    }
    if (!row || !matches || row.disabled_at != null) throw new JharokhaError('Unauthorized', 'wrong user name or password');
    if (row.password_hash && row.carry_key == null) await this.addOfflineSecrets(row.username, typed);
    return this.grant(row);
  }

  /** The user a login token belongs to, while it is valid and the user is not disabled. */
  userForToken(token: string): UserSummary | undefined {
    if (token.length < 32 || token.length > 200) return undefined;
    const row = this.db
      .prepare(
        `SELECT u.* FROM login_sessions s JOIN users u USING (username)
         WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL`,
      )
      .get(sha256(token), this.now()) as Row | undefined;
    return row && toSummary(row);
  }

  logout(token: string): void {
    this.endSession(sha256(token));
  }

  /** Disabling a user ends every one of their login sessions at once. */
  disable(username: string): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE users SET disabled_at = ?, updated_at = ? WHERE username = ?').run(this.now(), this.now(), username);
      this.db.prepare('DELETE FROM login_sessions WHERE username = ?').run(username);
    })();
    this.safeEmit('disabled', username);
  }

  /** Runs `fn` in one transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /**
   * Writes a user as the site hands it over: no login hash (logins here check the offline
   * verifier) and no carry key. A user already disabled here keeps the time it was disabled; an
   * enabled one is enabled here too.
   */
  putStored(user: StoredUser): void {
    const now = this.now();
    this.db
      .prepare(
        `INSERT INTO users (username, display_name, role, password_hash, offline_verifier, carry_salt, carry_key, disabled_at, updated_at)
         VALUES (@username, @displayName, @role, '', @verifier, @carrySalt, NULL, @disabledAt, @now)
         ON CONFLICT(username) DO UPDATE SET display_name = excluded.display_name, role = excluded.role, password_hash = '',
           offline_verifier = excluded.offline_verifier, carry_salt = excluded.carry_salt, carry_key = NULL,
           disabled_at = CASE WHEN excluded.disabled_at IS NULL THEN NULL ELSE coalesce(users.disabled_at, excluded.disabled_at) END, updated_at = excluded.updated_at`,
      )
      .run({
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        verifier: user.offline?.verifier ?? null,
        carrySalt: user.offline?.carrySalt ?? null,
        disabledAt: user.disabled ? now : null,
        now,
      });
  }

  /** Marks every active user not in `keep` disabled; their sessions go at the next pruneSessions(). */
  disableAllExcept(keep: ReadonlySet<string>): void {
    const now = this.now();
    for (const { username } of this.db.prepare('SELECT username FROM users WHERE disabled_at IS NULL').all() as { username: string }[]) {
      if (!keep.has(username)) this.db.prepare('UPDATE users SET disabled_at = ?, updated_at = ? WHERE username = ?').run(now, now, username);
    }
  }

  /** Token hashes of the login sessions opened before `at`. */
  sessionsOpenedBefore(at: number): string[] {
    return (this.db.prepare('SELECT token_hash FROM login_sessions WHERE created_at < ?').all(at) as { token_hash: string }[]).map((row) => row.token_hash);
  }

  /** Opens a login session under a token hash; the same hash twice is one session. */
  openSession(session: StoredLoginSession, openedAt: number): void {
    this.db
      .prepare('INSERT OR IGNORE INTO login_sessions (token_hash, username, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(session.tokenHash, session.username, openedAt, session.expiresAt);
  }

  endSession(tokenHash: string): void {
    this.db.prepare('DELETE FROM login_sessions WHERE token_hash = ?').run(tokenHash);
  }

  /** Drops expired sessions and those of disabled users. */
  pruneSessions(): void {
    this.db.prepare('DELETE FROM login_sessions WHERE expires_at <= ? OR username IN (SELECT username FROM users WHERE disabled_at IS NOT NULL)').run(this.now());
  }

  /** A login the site granted, seen by a workstation relaying it: resumable here if the site goes. */
  rememberSiteLogin(token: string, username: string, expiresAt: number): void {
    if (!this.row(username)) return;
    this.openSession({ tokenHash: sha256(token), username, expiresAt }, this.now());
  }

  /** The salt a workstation makes a user's carry key under (from the site's snapshot). */
  carrySalt(username: string): string | undefined {
    return this.row(username)?.carry_salt ?? undefined;
  }

  /**
   * A login a workstation granted while the site was unreachable, opened here under the same
   * token hash. Only with a proof made from the password as the site has it now (passwords.ts):
   * refused when the password changed since, and for a user the site has no carry key for yet.
   * Never longer than a login made here. Idempotent: the same token twice is one login.
   */
  carryLogin(username: string, login: { tokenHash: string; proof: string; expiresAt: number }): void {
    const row = this.row(username);
    if (!row || row.disabled_at != null) throw new JharokhaError('Forbidden', `no active user ${username}`);
    if (!row.carry_key) {
      throw new JharokhaError('Forbidden', `${username} has not logged in on the site since offline logins began to be proven: log in again`);
    }
    if (!carryProofMatches(row.carry_key, { username, tokenHash: login.tokenHash, expiresAt: login.expiresAt }, login.proof)) {
      throw new JharokhaError('Forbidden', `that login was not made with ${username}'s password as the site has it (the password changed on the site): log in again`);
    }
    const now = this.now();
    const expiresAt = Math.min(login.expiresAt, now + LOGIN_LIFETIME_MS);
    if (expiresAt <= now) throw new JharokhaError('Forbidden', 'that login has already expired');
    this.openSession({ tokenHash: login.tokenHash, username, expiresAt }, now);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM users WHERE disabled_at IS NULL').get() as { n: number }).n;
  }

  /** Every user, disabled ones included, with what a workstation needs for offline logins, by name. */
  storedUsers(): StoredUser[] {
    const rows = this.db.prepare('SELECT * FROM users ORDER BY username').all() as Row[];
    return rows.map((row) => ({
      username: row.username,
      displayName: row.display_name,
      role: UserRole.parse(row.role),
      disabled: row.disabled_at != null,
      ...(row.offline_verifier && row.carry_salt ? { offline: { verifier: row.offline_verifier, carrySalt: row.carry_salt } } : {}),
    }));
  }

  /** The unexpired login sessions, by user and expiry. */
  liveSessions(): StoredLoginSession[] {
    const rows = this.db
      .prepare('SELECT token_hash, username, expires_at FROM login_sessions WHERE expires_at > ? ORDER BY username, expires_at')
      .all(this.now()) as { token_hash: string; username: string; expires_at: number }[];
    return rows.map((row) => ({ tokenHash: row.token_hash, username: row.username, expiresAt: row.expires_at }));
  }

  private grant(row: Row): LoginGrant {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = now + LOGIN_LIFETIME_MS;
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM login_sessions WHERE expires_at <= ?').run(now);
      this.db.prepare('INSERT INTO login_sessions (token_hash, username, created_at, expires_at) VALUES (?, ?, ?, ?)').run(sha256(token), row.username, now, expiresAt);
    })();
    return { token, expiresAt, user: toSummary(row) };
  }

  /**
   * Made once, at the first login on the site after it began making them: making new ones at
   * every login would refuse the logins workstations are carrying under the ones they copied.
   */
  private async addOfflineSecrets(username: string, password: string): Promise<void> {
    const { verifier, carrySalt, carryKey } = await makeOfflineSecrets(password);
    this.db
      .prepare('UPDATE users SET offline_verifier = ?, carry_salt = ?, carry_key = ? WHERE username = ? AND carry_key IS NULL')
      .run(verifier, carrySalt, carryKey, username);
  }

  private row(username: string): Row | undefined {
    return this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as Row | undefined;
  }
}
