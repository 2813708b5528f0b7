// Where a page's credential comes from. In the desktop shell, the preload hands it over as
// window.jharokha ({engineUrl, token, displayId, role}) and the address carries none. In a
// browser (Playwright, a console on another PC) the engine hands the site token in ?token=: we
// keep it in sessionStorage (so a reload works) and strip it from the address bar at once, so it
// does not end up in history, screenshots or a URL an operator copies to a colleague. A machine's
// key (a kiosk's box key, a wall display's key) arrives in ?key= once and is kept in localStorage:
// such a page lives for months, through power cuts and browser restarts.
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

export interface KeyPlace extends ShellPlace {
  history: Pick<History, 'replaceState' | 'state'>;
  localStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

/**
 * The shell's credential for one of `shellRoles`; else the key from the address (kept under
 * `storageKey`, then removed there) or the one kept from an earlier visit.
 */
export function takeMachineKey(place: KeyPlace, storageKey: string, shellRoles: readonly string[]): string | null {
  const { values, cleanHref } = extractParams(place.location.href, ['key']);
  if (cleanHref !== place.location.href) place.history.replaceState(place.history.state, '', cleanHref);
  const fromShell = shellCredential(place, shellRoles);
  if (fromShell !== null) return fromShell;
  if (values.key !== null) {
    try {
      place.localStorage.setItem(storageKey, values.key);
    } catch {
      // Storage disabled: this visit still works; a restart will need the address again.
    }
    return values.key;
  }
  try {
    return place.localStorage.getItem(storageKey);
  } catch {
    return null;
  }
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
  const fromShell = shellCredential(place, ['console', 'workstation']);
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

/** The engine's WebSocket on the host that served this page, with the query's credentials. */
export function engineSocketUrl(location: { protocol: string; host: string }, credentials: Record<string, string> | string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const entries = Object.entries(typeof credentials === 'string' ? { token: credentials } : credentials);
  return `${scheme}//${location.host}/ws?${entries.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&')}`;
}
