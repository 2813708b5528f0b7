// The preload's whole job: ask main once for this window's config and hand the page exactly
// {engineUrl, token, displayId, role} as a frozen object. No ipcRenderer, no functions, nothing
// else crosses the bridge. Electron is passed in so this runs under test without it.
import {
  isShellChannel,
  WINDOW_CONFIG_CHANNEL,
  WINDOW_CONFIG_GLOBAL,
  WindowConfig,
} from '../common/window-config.js';

export interface PreloadElectron {
  contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  ipcRenderer: { sendSync(channel: string): unknown };
}

/** The preload speaks only on the shell's own channels (main checks the same prefix). */
export function shellSendSync(ipcRenderer: PreloadElectron['ipcRenderer'], channel: string): unknown {
  if (!isShellChannel(channel)) throw new Error(`not a shell IPC channel: ${channel}`);
  return ipcRenderer.sendSync(channel);
}

/** Exposes the config and returns it; returns null (exposing nothing) when main sends none or a malformed one. */
export function exposeWindowConfig({ contextBridge, ipcRenderer }: PreloadElectron): Readonly<WindowConfig> | null {
  const parsed = WindowConfig.safeParse(shellSendSync(ipcRenderer, WINDOW_CONFIG_CHANNEL));
  if (!parsed.success) return null;
  const { engineUrl, token, displayId, role } = parsed.data;
  const config = Object.freeze({ engineUrl, token, displayId, role });
  contextBridge.exposeInMainWorld(WINDOW_CONFIG_GLOBAL, config);
  return config;
}
