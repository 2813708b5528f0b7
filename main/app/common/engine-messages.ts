// Messages between the shell's main process and the engine's utility process (over parentPort).
// Both sides parse what they receive; anything else is logged and ignored.
import { z } from 'zod';

const HttpOrigin = z
  .string()
  .url()
  .refine((url) => /^https?:$/.test(new URL(url).protocol), 'the engine URL is http(s)');

/** Engine → shell. */
export const EngineMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), url: HttpOrigin, token: z.string().min(1).max(512) }).strict(),
  z.object({ type: z.literal('failed'), message: z.string().max(2000) }).strict(),
]);
export type EngineMessage = z.infer<typeof EngineMessage>;

/** Shell → engine. */
export const ShellMessage = z.discriminatedUnion('type', [z.object({ type: z.literal('stop') }).strict()]);
export type ShellMessage = z.infer<typeof ShellMessage>;
