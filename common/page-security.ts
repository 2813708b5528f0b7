// The one Content-Security-Policy of the engine's pages. The engine sends it with every page, the
// renderer build writes it into index.html, and the desktop shell fills it in should a response
// reach a window without one, so whichever applies is this strict one. Scripts and styles come
// only from the engine's own files (no inline script, no eval); the socket goes only to the
// engine's own origin: 'self' matches ws: and wss: on the page's own host and port, where a bare
// `ws:` would let an injected script talk to any host.
const pageDirectives = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "media-src 'self' blob: mediastream:",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
];

/** frame-ancestors 'none': no other site may frame a console and trick an operator into clicks. */
export const ENGINE_PAGE_CSP = [...pageDirectives, "frame-ancestors 'none'"].join('; ');

/** For index.html's meta tag, where browsers ignore frame-ancestors (the header carries it). */
export const ENGINE_PAGE_META_CSP = pageDirectives.join('; ');

/** The desktop shell's own pages come from this scheme (main/app/electron-main/app-protocol.ts). */
export const APP_SCHEME = 'jharokha';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
