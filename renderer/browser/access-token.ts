// Where a page's credential comes from. In the desktop shell, the preload hands it over as
// window.jharokha ({engineUrl, token, displayId, role}) and the address carries none. In a
// browser (a thin-client wall, Playwright) the engine hands it in ?token=: we keep it in
// sessionStorage (so a reload works) and strip it from the address bar at once, so it does not
// end up in history, screenshots or a URL an operator copies to a colleague.
const STORAGE_KEY = 'jharokha.token';

/** What the shell's preload exposed on window (main/app/common/window-config.ts; the renderer may not import it). */
export interface ShellPlace {
  location: { href: string };
  /** window.jharokha: absent outside the desktop shell. */
  jharokha?: unknown;
}

/**
 * The credential the shell's preload handed this page, or null outside the shell. Taken only for
 * the roles named (a kiosk's box key is no operator token, nor the reverse) and only when the
 * shell says it is for this page's origin.
 */
export function shellCredential(place: ShellPlace, roles: readonly string[]): string | null {
  const config = place.jharokha;
  if (typeof config !== 'object' || config === null) return null;
  const { engineUrl, token, role } = config as Record<string, unknown>;
  if (typeof token !== 'string' || token.length === 0 || typeof role !== 'string' || !roles.includes(role)) return null;
  try {
    return typeof engineUrl === 'string' && new URL(engineUrl).origin === new URL(place.location.href).origin ? token : null;
  } catch {
    return null;
  }
}

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

export interface TokenPlace extends ShellPlace {
  history: Pick<History, 'replaceState' | 'state'>;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

/**
 * The shell's token; else the token from the address (then removed there) or from this tab's
 * sessionStorage. The shell's is not stored: its preload hands it again after a reload.
 */
export function takeAccessToken(place: TokenPlace): string | null {
  const { token, cleanHref } = extractToken(place.location.href);
  const fromShell = shellCredential(place, ['console', 'workstation', 'wall']);
  if (fromShell !== null) {
    if (cleanHref !== place.location.href) place.history.replaceState(place.history.state, '', cleanHref);
    return fromShell;
  }
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
