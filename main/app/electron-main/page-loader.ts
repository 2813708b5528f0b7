// Keeps a window on its engine page: when the page cannot load (engine down, restarting) the
// window shows the shell's own "engine unreachable" page and tries again every few seconds; when
// its renderer dies (a wall runs for months) the page is loaded afresh.
import { createLogger } from '../../../common/logger.js';
import { realTimers, type Timers } from './timers.js';

const log = createLogger('page-loader');
const ERR_ABORTED = -3; // a newer navigation replaced this one: not a failure

export interface LoadableWindow {
  loadURL(url: string): Promise<void>;
  isDestroyed(): boolean;
  webContents: {
    on(
      event: 'did-fail-load',
      listener: (event: unknown, errorCode: number, description: string, url: string, isMainFrame: boolean) => void,
    ): unknown;
    on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string }) => void): unknown;
  };
}

export interface PageLoaderOptions {
  fallbackUrl: string;
  retryMs?: number;
  timers?: Timers;
}

/** Loads url into the window and keeps it there; the returned function stops the retries. */
export function keepLoaded(window: LoadableWindow, url: string, options: PageLoaderOptions): () => void {
  const timers = options.timers ?? realTimers;
  const retryMs = options.retryMs ?? 5000;
  let pending: unknown;
  let stopped = false;
  const load = (target: string): void => {
    if (stopped || window.isDestroyed()) return;
    // Failures arrive as did-fail-load; the promise's rejection says the same thing again.
    window.loadURL(target).catch(() => undefined);
  };
  const retryLater = (): void => {
    if (stopped || pending !== undefined) return;
    pending = timers.setTimeout(() => {
      pending = undefined;
      load(url);
    }, retryMs);
  };
  window.webContents.on('did-fail-load', (_event, errorCode, description, failedUrl, isMainFrame) => {
    if (!isMainFrame || errorCode === ERR_ABORTED || failedUrl.startsWith(options.fallbackUrl)) return;
    log.warn(`${failedUrl.split('?')[0]} did not load (${description}): retrying every ${retryMs / 1000} s`);
    load(options.fallbackUrl);
    retryLater();
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error(`a page's renderer is gone (${details.reason}): reloading`);
    retryLater();
  });
  load(url);
  return () => {
    stopped = true;
    if (pending !== undefined) timers.clearTimeout(pending);
    pending = undefined;
  };
}
