// Electron's security checklist for every window: no Node in the renderer, isolation and the
// sandbox on, no navigation or new windows outside the engine's own origin, and no permissions
// (camera/microphone arrive with the call-box page, issue 3). Takes the Electron API as a
// parameter so it is tested against a fake where no Electron binary exists.
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';

export function secureWindowOptions(title: string): BrowserWindowConstructorOptions {
  return {
    title,
    backgroundColor: '#0b0f14',
    autoHideMenuBar: true,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

export function isSameOrigin(url: string, engineOrigin: string): boolean {
  try {
    return new URL(url).origin === engineOrigin;
  } catch {
    return false;
  }
}

type Contents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;
type PermissionSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

export function lockDownContents(contents: Contents, engineOrigin: string): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isSameOrigin(url, engineOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function denyPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
