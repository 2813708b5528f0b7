// The key that seals camera credentials, as the desktop app keeps it: 32 random bytes wrapped by
// Electron's safeStorage (the OS keychain, DPAPI, or the desktop's secret service) in
// `<data dir>/secret.key.sealed`, so a copied data dir or backup is useless without this OS
// user's keyring. Only the main process has safeStorage; the engine gets the unwrapped key as a
// message (engine-process.ts).
//
// Where safeStorage would not really protect the key (unavailable, or Linux's 'basic_text' store,
// which encrypts with a password hard-coded in Chromium), the engine keeps the headless key file
// (`secret.key`, mode 0600) instead, and the log says why: a sealed file that protects nothing
// would only look safer. A sealed file that cannot be unwrapped is an error, never a reason to
// make a new key: that would orphan every sealed camera password.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../../common/logger.js';
import { KeyFileSource, SECRET_KEY_BYTES } from '../../engine/node/store/secret-box.js';
import type { EngineKeyMessage } from '../common/engine-messages.js';

const log = createLogger('engine-key');

export const SEALED_KEY_FILE = 'secret.key.sealed';
export const PLAIN_KEY_FILE = 'secret.key';

/** The slice of Electron's safeStorage used here (its synchronous API, main process, after ready). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only. */
  getSelectedStorageBackend(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface EngineKeyDeps {
  safeStorage: SafeStorageLike;
  /** The engine's data dir: `<userData>/engine`. */
  dataDir: string;
  platform: NodeJS.Platform;
}

/** Why safeStorage cannot protect the key here, or null when it can. */
export function safeStorageUnusable(safeStorage: SafeStorageLike, platform: NodeJS.Platform): string | null {
  if (!safeStorage.isEncryptionAvailable()) return 'Electron safeStorage reports that encryption is not available';
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return "safeStorage found no keyring (backend 'basic_text': a password hard-coded in Chromium, which protects nothing)";
  }
  return null;
}

/**
 * Decides where the engine's key comes from and returns the message that tells the engine:
 * the unwrapped key, or 'key-file'. Creates, adopts or unwraps `secret.key.sealed` as needed.
 */
export async function loadEngineKey({ safeStorage, dataDir, platform }: EngineKeyDeps): Promise<EngineKeyMessage> {
  const sealedFile = path.join(dataDir, SEALED_KEY_FILE);
  const plainFile = path.join(dataDir, PLAIN_KEY_FILE);
  const unusable = safeStorageUnusable(safeStorage, platform);
  if (unusable !== null) {
    if (fs.existsSync(sealedFile)) {
      throw new Error(
        `${sealedFile} holds the key to the sealed camera credentials, but ${unusable}: ` +
          'start the app in the desktop session (and keyring) of the user who sealed it; no new key was made',
      );
    }
    log.warn(`${unusable}: the engine keeps its key in ${plainFile} (mode 0600) instead; protect the data dir accordingly`);
    return { type: 'key-file' };
  }

  if (fs.existsSync(sealedFile)) {
    const key = unwrap(safeStorage, sealedFile);
    if (fs.existsSync(plainFile)) {
      log.warn(`${plainFile} exists beside ${sealedFile} and is not used (the sealed key is); remove it if it is not needed`);
    }
    return { type: 'key', key: key.toString('base64') };
  }

  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (fs.existsSync(plainFile)) {
    // A data dir that ran headless (or before safeStorage was usable): keep its key, now sealed.
    const key = Buffer.from(await new KeyFileSource(plainFile).loadKey());
    seal(safeStorage, sealedFile, key);
    fs.rmSync(plainFile);
    syncDir(dataDir);
    log.info(`adopted ${plainFile}: sealed it with safeStorage into ${sealedFile}, checked it unwraps to the same key, and removed the plain file`);
    return { type: 'key', key: key.toString('base64') };
  }

  const key = randomBytes(SECRET_KEY_BYTES);
  seal(safeStorage, sealedFile, key);
  log.info(`created ${sealedFile} (a new key sealed with safeStorage): it opens only for this OS user's keyring`);
  return { type: 'key', key: key.toString('base64') };
}

function unwrap(safeStorage: SafeStorageLike, sealedFile: string): Buffer {
  let text: string;
  try {
    text = safeStorage.decryptString(fs.readFileSync(sealedFile));
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new Error(
      `${sealedFile} cannot be unwrapped by this OS user's keyring (${why}): it was sealed by another user or keyring. ` +
        'Start the app as the user who sealed it; no new key was made, since that would orphan every sealed camera password',
      { cause },
    );
  }
  const key = Buffer.from(text, 'base64');
  if (key.length !== SECRET_KEY_BYTES || key.toString('base64') !== text) {
    throw new Error(`${sealedFile} unwraps to something that is not a ${SECRET_KEY_BYTES}-byte key; no new key was made`);
  }
  return key;
}

/**
 * Writes the sealed key atomically (temp file, fsync, rename, fsync of the dir), after checking
 * that what reached the disk unwraps to the same bytes. On any failure nothing is left behind.
 */
function seal(safeStorage: SafeStorageLike, sealedFile: string, key: Buffer): void {
  const temp = `${sealedFile}.${process.pid}.tmp`;
  try {
    const sealed = safeStorage.encryptString(key.toString('base64'));
    fs.rmSync(temp, { force: true });
    const fd = fs.openSync(temp, 'wx', 0o600);
    try {
      fs.writeSync(fd, sealed);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    const back = Buffer.from(safeStorage.decryptString(fs.readFileSync(temp)), 'base64');
    if (!back.equals(key)) throw new Error('the sealed copy unwraps to different bytes');
    fs.renameSync(temp, sealedFile);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`could not seal the engine key into ${sealedFile} (${why}); nothing was changed`, { cause: error });
  }
  syncDir(path.dirname(sealedFile));
}

function syncDir(dir: string): void {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
