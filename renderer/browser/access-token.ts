// The engine hands a page its token in ?token=. We keep it in sessionStorage (so a reload works)
// and strip it from the address bar at once, so it does not end up in history, screenshots or
// a URL an operator copies to a colleague.
const STORAGE_KEY = 'jharokha.token';

/**
 * Splits the named parameters out of an address (the token, a kiosk's key, the operator's name);
 * pure, so the rule is testable. An empty value counts as absent; cleanHref is href untouched
 * when none of them was there.
 */
export function extractParams<N extends string>(
  href: string,
  names: readonly N[],
): { values: Record<N, string | null>; cleanHref: string } {
  const url = new URL(href);
  const values = {} as Record<N, string | null>;
  let found = false;
  for (const name of names) {
    const value = url.searchParams.get(name);
    values[name] = value !== null && value.length > 0 ? value : null;
    if (value !== null) {
      found = true;
      url.searchParams.delete(name);
    }
  }
  return { values, cleanHref: found ? url.toString() : href };
}

/** Splits the token out of an address. */
export function extractToken(href: string): { token: string | null; cleanHref: string } {
  const { values, cleanHref } = extractParams(href, ['token']);
  return { token: values.token, cleanHref };
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
