// Keys for machines (a call box's kiosk, a workstation's engine, a wall display): 32 random bytes,
// base64url, shown once when issued and stored only as a SHA-256 hash. A plain SHA-256 is enough because a machine
// key is 256 random bits, not a password: there is nothing for a slow, salted hash to protect
// against, and a fast one keeps every connection cheap. Comparison takes constant time.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

// Machine-made keys are 43 characters; anything much shorter is a mistake, much longer an attack.
export const MachineKey = z.string().min(32).max(200);

export function newMachineKey(): string {
  return randomBytes(32).toString('base64url');
}

export function hashMachineKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** True when `key` hashes to `stored`; false for a missing hash or a key of the wrong shape. */
export function machineKeyMatches(stored: Buffer | null | undefined, key: unknown): boolean {
  if (!stored || typeof key !== 'string' || key.length > 200) return false;
  const given = hashMachineKey(key);
  return stored.length === given.length && timingSafeEqual(stored, given);
}

/**
 * A wall display's key on the machine whose shell runs this engine: derived from a secret the
 * engine makes at each start and hands only to that shell, so the shell's wall windows each get
 * their own display's key without anyone issuing one. Any other machine's display is issued a key.
 */
export function localDisplayKey(secret: Buffer, wallId: string, displayId: string): string {
  return createHmac('sha256', secret).update(`jharokha local display key\0${wallId}/${displayId}`).digest('base64url');
}
