// Electron's security checklist for every window and every web contents: no Node in the page,
// isolation and the sandbox on, web security on, no webviews, no new windows, no navigation,
// redirect or frame navigation off the engine's origin, no downloads. Takes the Electron objects
// as parameters (narrow slices) so it is tested against fakes where no Electron binary exists.
import type { BrowserWindowConstructorOptions } from 'electron';

export function secureWindowOptions(title: string, preload?: string): BrowserWindowConstructorOptions {
  return {
    title,
    backgroundColor: '#0b0f14',
    autoHideMenuBar: true,
    show: false,
    webPreferences: {
      ...(preload ? { preload } : {}),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}

/** scheme://host:port of a URL, or null; works for custom schemes too (where URL.origin is "null"). */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
}

export function isSameOrigin(url: string, origin: string): boolean {
  const actual = originOf(url);
  return actual !== null && actual === originOf(origin);
}

/** May a page go to this URL? Read at every event, so it can follow an engine that starts later. */
export type NavigationPolicy = (url: string) => boolean;

export function engineOnly(engineOrigin: () => string | undefined): NavigationPolicy {
  return (url) => {
    const origin = engineOrigin();
    return origin !== undefined && isSameOrigin(url, origin);
  };
}

interface PreventableEvent {
  preventDefault(): void;
}
export interface LockableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: PreventableEvent & { url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export function lockDownContents(contents: LockableContents, mayGo: NavigationPolicy): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const guard = (event: PreventableEvent, url: string): void => {
    if (!mayGo(url)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-frame-navigate', (event) => guard(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export interface DownloadSession {
  on(event: 'will-download', listener: (event: PreventableEvent) => void): unknown;
}

/** Nothing in this app downloads files; a page that tries is refused. */
export function refuseDownloads(session: DownloadSession): void {
  session.on('will-download', (event) => event.preventDefault());
}
