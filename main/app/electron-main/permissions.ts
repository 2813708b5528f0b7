// The only permission any page gets is camera and microphone ('media'), and only the pages that
// make calls: a call box's kiosk page and the console (two-way calls), in the main frame, on the
// engine's own origin. Everything else — notifications, geolocation, screen capture, HID/USB/
// serial devices, clipboard reads — is refused, both when a page asks and when it checks.
import { isSameOrigin } from './window-security.js';

const CALL_PAGES = [/^\/callbox\/[a-z0-9-]+\/?$/, /^\/console\/?$/];

export function isCallPage(url: string, engineOrigin: string): boolean {
  if (!isSameOrigin(url, engineOrigin)) return false;
  const { pathname } = new URL(url);
  return CALL_PAGES.some((page) => page.test(pathname));
}

export interface MediaRequest {
  permission: string;
  /** The URL of the frame asking. */
  requestingUrl: string | undefined;
  isMainFrame: boolean;
  /** Camera is 'video', microphone 'audio'; a check may say 'unknown'. */
  mediaTypes: readonly string[];
}

export function mayUseMedia(request: MediaRequest, engineOrigin: string | undefined): boolean {
  return (
    engineOrigin !== undefined &&
    request.permission === 'media' &&
    request.isMainFrame &&
    request.requestingUrl !== undefined &&
    isCallPage(request.requestingUrl, engineOrigin) &&
    request.mediaTypes.every((type) => type === 'audio' || type === 'video' || type === 'unknown')
  );
}

type RequestHandler = (
  contents: { getURL(): string },
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl?: string; isMainFrame: boolean; mediaTypes?: string[] },
) => void;
type CheckHandler = (
  contents: { getURL(): string } | null,
  permission: string,
  requestingOrigin: string,
  details: { requestingUrl?: string; isMainFrame: boolean; mediaType?: string },
) => boolean;

export interface PermissionSession {
  setPermissionRequestHandler(handler: RequestHandler): void;
  setPermissionCheckHandler(handler: CheckHandler): void;
  setDevicePermissionHandler(handler: () => boolean): void;
}

/** Installs the request and check handlers; engineOrigin is read at each call (the engine may start later). */
export function limitPermissions(session: PermissionSession, engineOrigin: () => string | undefined): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = details.mediaTypes ?? [];
    callback(mayUseMedia({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame, mediaTypes }, engineOrigin()));
  });
  session.setPermissionCheckHandler((contents, permission, requestingOrigin, details) => {
    // A check names only the origin; the page's path comes from its web contents.
    const url = details.requestingUrl ?? contents?.getURL();
    const origin = engineOrigin();
    if (url === undefined || origin === undefined || !isSameOrigin(requestingOrigin, origin)) return false;
    const mediaTypes = details.mediaType ? [details.mediaType] : [];
    return mayUseMedia({ permission, requestingUrl: url, isMainFrame: details.isMainFrame, mediaTypes }, origin);
  });
  session.setDevicePermissionHandler(() => false);
}
