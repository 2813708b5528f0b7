// The only values a window's page gets from the shell: handed over by the preload through
// contextBridge as one frozen object, fetched once over the one IPC channel the shell answers.
import { z } from 'zod';

/** Every IPC channel of the shell starts with this; preload and main both refuse any other. */
export const IPC_PREFIX = 'jharokha:';
export const WINDOW_CONFIG_CHANNEL = `${IPC_PREFIX}window-config`;
/** The name the object has on `window` in the page. */
export const WINDOW_CONFIG_GLOBAL = 'jharokha';

export const WindowConfig = z
  .object({
    /** The engine's origin, e.g. http://127.0.0.1:8080 */
    engineUrl: z.string().url(),
    token: z.string().min(1).max(512),
    /** The Electron display id of the monitor this window sits on. */
    displayId: z.string().regex(/^\d+$/),
    role: z.enum(['console', 'workstation', 'wall', 'callbox']),
  })
  .strict();
export type WindowConfig = z.infer<typeof WindowConfig>;

export function isShellChannel(channel: string): boolean {
  return channel.startsWith(IPC_PREFIX);
}
