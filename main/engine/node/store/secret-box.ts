// Sealing of small secrets at rest (camera credentials): AES-256-GCM, one random 96-bit IV per
// seal, the record's id as additional data so a sealed value cannot be moved to another row.
// Text format, base64url parts: v1:<key id>:<iv>:<tag>:<ciphertext>. The key id names the key
// without revealing it, so a database opened with the wrong key fails with a clear message
// instead of an opaque authentication error, and a later key rotation can tell old seals apart.
//
// Where the 32-byte key comes from is a KeySource: a key file for the headless engine; the
// Electron app hands in the one it keeps wrapped by safeStorage (main/app/electron-main/engine-key.ts).
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { JharokhaError } from '../../../../common/errors.js';
import { createLogger } from '../../../../common/logger.js';

const log = createLogger('secrets');

export const SECRET_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';

/** Supplies the engine's 32-byte sealing key. `describe` names it in error messages (never the key). */
export interface KeySource {
  readonly describe: string;
  loadKey(): Promise<Uint8Array>;
}

/**
 * `<dataDir>/secret.key`: 32 raw bytes, created with mode 0600 when missing. Refused when it is
 * the wrong size or readable by group or others: a key anyone on the machine can read protects
 * nothing, and silently tightening it would hide that it was exposed.
 */
export class KeyFileSource implements KeySource {
  constructor(readonly file: string) {}

  get describe(): string {
    return `key file ${this.file}`;
  }

  static inDataDir(dataDir: string): KeyFileSource {
    return new KeyFileSource(path.join(dataDir, 'secret.key'));
  }

  async loadKey(): Promise<Uint8Array> {
    if (!fs.existsSync(this.file)) {
      // A data dir the desktop app sealed: a fresh key here would orphan every sealed camera password.
      if (fs.existsSync(`${this.file}.sealed`)) {
        throw new JharokhaError(
          'InvalidState',
          `${this.file}.sealed holds this data dir's key, sealed by the desktop app's safeStorage: ` +
            'start the desktop app as the user who sealed it, rather than making a new key',
        );
      }
      this.create();
    }
    const stat = fs.statSync(this.file);
    if (!stat.isFile()) throw new JharokhaError('InvalidState', `${this.file} is not a regular file`);
    // Windows has no POSIX modes; the data directory's ACL is what protects the key there.
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      throw new JharokhaError(
        'InvalidState',
        `${this.file} is readable by group or others (mode ${(stat.mode & 0o777).toString(8)}): run chmod 600 on it, ` +
          'and treat the camera passwords as exposed if anyone else could have read it',
      );
    }
    const key = fs.readFileSync(this.file);
    if (key.length !== SECRET_KEY_BYTES) {
      throw new JharokhaError('InvalidState', `${this.file} holds ${key.length} bytes, not a ${SECRET_KEY_BYTES}-byte key`);
    }
    return key;
  }

  private create(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    let fd: number;
    try {
      // 'wx': never overwrite a key another process created a moment ago.
      fd = fs.openSync(this.file, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
      throw error;
    }
    try {
      fs.writeSync(fd, randomBytes(SECRET_KEY_BYTES));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    log.info(`created ${this.file}: back it up with the database, or sealed camera credentials are lost`);
  }
}

/** A fixed key held in memory: tests, and callers that already unwrapped one. */
export class StaticKeySource implements KeySource {
  constructor(
    private readonly key: Uint8Array,
    readonly describe = 'in-memory key',
  ) {}
  async loadKey(): Promise<Uint8Array> {
    return this.key;
  }
}

export class SecretBox {
  static async create(source: KeySource): Promise<SecretBox> {
    const key = Buffer.from(await source.loadKey());
    if (key.length !== SECRET_KEY_BYTES) {
      throw new JharokhaError('InvalidState', `${source.describe} gave ${key.length} bytes, not a ${SECRET_KEY_BYTES}-byte key`);
    }
    const keyId = createHmac('sha256', key).update('jharokha secret-box key id').digest().subarray(0, 6).toString('base64url');
    return new SecretBox(key, keyId, source.describe);
  }

  private constructor(
    private readonly key: Buffer,
    /** Public name of the key (an HMAC of it): safe to log and to store. */
    readonly keyId: string,
    private readonly describe: string,
  ) {}

  /** Seals `plaintext`; `context` (e.g. the camera id) must be given again to open it. */
  seal(plaintext: string, context = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const b64 = (b: Buffer): string => b.toString('base64url');
    return [VERSION, this.keyId, b64(iv), b64(cipher.getAuthTag()), b64(ciphertext)].join(':');
  }

  open(sealed: string, context = ''): string {
    const parts = sealed.split(':');
    if (parts.length !== 5 || parts[0] !== VERSION) {
      throw new JharokhaError('InvalidState', `sealed value is not in the ${VERSION} format`);
    }
    const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
    this.checkKeyId(keyId);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch (cause) {
      throw new JharokhaError('InvalidState', 'a sealed value failed its integrity check (tampered, or moved from another record)', {
        cause,
      });
    }
  }

  /** Throws the clear "wrong key" error for a sealed value made with another key. */
  checkSealedWithThisKey(sealed: string): void {
    this.checkKeyId(sealed.split(':')[1] ?? '');
  }

  private checkKeyId(keyId: string): void {
    if (keyId !== this.keyId) {
      throw new JharokhaError(
        'InvalidState',
        `camera credentials were sealed with key ${keyId}, but ${this.describe} is key ${this.keyId}: ` +
          'restore the secret.key that belongs with this database',
      );
    }
  }
}
