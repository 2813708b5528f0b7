// The engine serves its pages with a Content-Security-Policy header (and the same policy in a
// meta tag), the one definition in common/page-security.ts. The shell makes sure no engine
// response reaches a window without one, should an engine build or a proxy in between drop it: a
// missing header is filled in with that same policy, a present one kept.
import { ENGINE_PAGE_CSP } from '../../../common/page-security.js';
import { isSameOrigin } from './window-security.js';

export type Headers = Record<string, string[]>;

export function withCsp(url: string, headers: Headers | undefined, engineOrigin: string | undefined): Headers {
  const result: Headers = { ...headers };
  if (engineOrigin === undefined || !isSameOrigin(url, engineOrigin)) return result;
  const present = Object.keys(result).some((name) => name.toLowerCase() === 'content-security-policy');
  if (!present) result['Content-Security-Policy'] = [ENGINE_PAGE_CSP];
  return result;
}

export interface HeadersSession {
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { url: string; responseHeaders?: Headers },
        callback: (response: { responseHeaders: Headers }) => void,
      ) => void,
    ): void;
  };
}

export function enforceCsp(session: HeadersSession, engineOrigin: () => string | undefined): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.url, details.responseHeaders, engineOrigin()) });
  });
}
