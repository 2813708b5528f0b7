// The shell's own pages (for now only "engine unreachable") come from the jharokha://app/
// scheme, never from file://: a fixed set of in-memory pages, no path ever touches the disk,
// each with a CSP that allows no script at all.
import { APP_ORIGIN, APP_SCHEME } from '../../../common/page-security.js';

export const UNREACHABLE_URL = `${APP_ORIGIN}/unreachable`;

/** For protocol.registerSchemesAsPrivileged, before the app is ready: a standard, secure scheme. */
export const appSchemePrivileges = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: false },
};

export const APP_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'";

const style = `body{margin:0;height:100vh;display:grid;place-items:center;background:#0b0f14;color:#e6edf3;
font:20px system-ui,sans-serif;text-align:center}h1{font-size:28px;color:#f0b429}p{color:#9fb0c0}`;

const pages: Record<string, string> = {
  '/unreachable': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Jharokha — engine unreachable</title>
<style>${style}</style></head><body><main><h1>The site engine is not answering</h1>
<p>This screen reconnects on its own every few seconds.</p><p>If it stays here, check the engine server and the network.</p></main></body></html>`,
};

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function respondToAppUrl(url: string): AppResponse {
  const headers = {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': APP_PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
  };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { status: 400, headers, body: 'bad address' };
  }
  const page = parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'app' ? pages[parsed.pathname] : undefined;
  return page === undefined ? { status: 404, headers, body: 'not found' } : { status: 200, headers, body: page };
}

export interface ProtocolLike {
  handle(scheme: string, handler: (request: { url: string }) => Response): void;
}

export function handleAppProtocol(protocol: ProtocolLike): void {
  protocol.handle(APP_SCHEME, (request) => {
    const { status, headers, body } = respondToAppUrl(request.url);
    return new Response(body, { status, headers });
  });
}
