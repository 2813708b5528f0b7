// Messages between the shell's main process and the engine's utility process (over parentPort).
// Both sides parse what they receive; anything else is logged and ignored.
import { z } from 'zod';

const HttpOrigin = z
  .string()
  .url()
  .refine((url) => /^https?:$/.test(new URL(url).protocol), 'the engine URL is http(s)');

/** 32 bytes in base64url: the secret each local wall window's display key derives from. */
export const DisplaySecret = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'the display secret is 32 bytes in base64url');

/** Engine → shell. */
export const EngineMessage = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('ready'),
      url: HttpOrigin,
      token: z.string().min(1).max(512),
      /** What this shell derives its wall windows' display keys from (the engine's localDisplaySecret). */
      displaySecret: DisplaySecret.optional(),
    })
    .strict(),
  z.object({ type: z.literal('failed'), message: z.string().max(2000) }).strict(),
]);
export type EngineMessage = z.infer<typeof EngineMessage>;

/**
 * The 32-byte key that seals camera credentials, in standard base64: 43 characters and one '='.
 * The last character before the padding carries 2 spare bits, so only 16 letters are canonical;
 * the rule admits exactly the encodings of 32 bytes (plain TypeScript here: no Buffer in common/).
 */
const SealingKey = z.string().regex(/^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/, 'the sealing key is 32 bytes in base64');

/** How the engine gets its sealing key: posted once, right after the fork, before anything else. */
export const EngineKeyMessage = z.discriminatedUnion('type', [
  /** Unwrapped by the shell from safeStorage; never put in the child's env or argv (both show in /proc). */
  z.object({ type: z.literal('key'), key: SealingKey }).strict(),
  /** No usable safeStorage here: the engine keeps `<data dir>/secret.key` (0600), as headless. */
  z.object({ type: z.literal('key-file') }).strict(),
]);
export type EngineKeyMessage = z.infer<typeof EngineKeyMessage>;

/** Shell → engine. */
export const ShellMessage = z.discriminatedUnion('type', [z.object({ type: z.literal('stop') }).strict(), ...EngineKeyMessage.options]);
export type ShellMessage = z.infer<typeof ShellMessage>;
