// The shell answers one IPC request: a window's preload asking for its WindowConfig. Main checks
// the channel prefix and that the sender is the main frame of one of our windows showing a page
// of the engine's origin; a subframe, a foreign page or an unknown channel gets nothing.
import { createLogger } from '../../../common/logger.js';
import { isShellChannel, WINDOW_CONFIG_CHANNEL, type WindowConfig } from '../common/window-config.js';
import { isSameOrigin } from './window-security.js';

const log = createLogger('ipc');

export interface SenderFrame {
  url: string;
  parent: unknown;
}
export interface IpcEventLike {
  sender: { id: number; mainFrame: SenderFrame };
  senderFrame: SenderFrame | null;
  returnValue?: unknown;
}

export function isTrustedSender(channel: string, event: IpcEventLike, engineOrigin: string | undefined): boolean {
  const frame = event.senderFrame;
  return (
    isShellChannel(channel) &&
    engineOrigin !== undefined &&
    frame !== null &&
    frame.parent === null &&
    frame === event.sender.mainFrame &&
    isSameOrigin(frame.url, engineOrigin)
  );
}

export interface IpcMainLike {
  on(channel: string, listener: (event: IpcEventLike) => void): unknown;
  removeAllListeners(channel: string): unknown;
}

/**
 * Answers WINDOW_CONFIG_CHANNEL synchronously (the preload must expose its object before the
 * page's scripts run) with the config of the sending window, or null. Returns an undo function.
 */
export function serveWindowConfig(
  ipcMain: IpcMainLike,
  configFor: (webContentsId: number) => WindowConfig | undefined,
  engineOrigin: () => string | undefined,
): () => void {
  ipcMain.on(WINDOW_CONFIG_CHANNEL, (event) => {
    if (!isTrustedSender(WINDOW_CONFIG_CHANNEL, event, engineOrigin())) {
      log.warn(`refused ${WINDOW_CONFIG_CHANNEL} from ${event.senderFrame?.url ?? 'a gone frame'}`);
      event.returnValue = null;
      return;
    }
    event.returnValue = configFor(event.sender.id) ?? null;
  });
  return () => ipcMain.removeAllListeners(WINDOW_CONFIG_CHANNEL);
}
