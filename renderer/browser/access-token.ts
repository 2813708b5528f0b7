// The engine hands a page its token in ?token=. We keep it in sessionStorage (so a reload works)
// and strip it from the address bar at once, so it does not end up in history, screenshots or
// a URL an operator copies to a colleague.
const STORAGE_KEY = 'jharokha.token';

/** Splits the token out of an address; pure, so the rule is testable. */
export function extractToken(href: string): { token: string | null; cleanHref: string } {
  const url = new URL(href);
  const token = url.searchParams.get('token');
  if (token === null) return { token: null, cleanHref: href };
  url.searchParams.delete('token');
  return { token: token.length > 0 ? token : null, cleanHref: url.toString() };
}

export interface TokenPlace {
  location: { href: string };
  history: Pick<History, 'replaceState' | 'state'>;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

/** Takes the token from the address (then removes it there) or from this tab's sessionStorage. */
export function takeAccessToken(place: TokenPlace): string | null {
  const { token, cleanHref } = extractToken(place.location.href);
  if (token !== null) {
    place.sessionStorage.setItem(STORAGE_KEY, token);
    place.history.replaceState(place.history.state, '', cleanHref);
    return token;
  }
  return place.sessionStorage.getItem(STORAGE_KEY);
}

/** The engine's WebSocket on the host that served this page. */
export function engineSocketUrl(location: { protocol: string; host: string }, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws?token=${encodeURIComponent(token)}`;
}
