// Camera credentials written into a URL: rtsp://user:pass@host/… or the query forms camera
// makers use (?user=&password=, ?username=&pwd=, ?usr=&pwd=, ?loginuse=&loginpas=). A URL is
// stored as it is, so they would be stored in the clear: they are taken out here and go into the
// sealed username/password fields instead. The URL is cut as text, not re-serialised, so what
// remains reaches the camera exactly as the installer wrote it.

const USERNAME_KEYS = new Set(['user', 'username', 'usr', 'login', 'loginuse', 'account']);
const PASSWORD_KEYS = new Set(['password', 'pass', 'passwd', 'pwd', 'psw', 'loginpas']);

export interface UrlCredentials {
  /** The URL with neither userinfo nor credential parameters. */
  url: string;
  username?: string;
  password?: string;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const SCHEME_AND_REST = /^([a-z][a-z0-9+.-]*:\/\/)(.*)$/is;

/** Splits a URL's credentials from it; a URL without any comes back unchanged. */
export function splitUrlCredentials(input: string): UrlCredentials {
  const match = SCHEME_AND_REST.exec(input);
  if (!match) return { url: input };
  const [, scheme = '', rest = ''] = match;
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  let tail = authorityEnd === -1 ? '' : rest.slice(authorityEnd);
  const found: Omit<UrlCredentials, 'url'> = {};
  const at = authority.lastIndexOf('@');
  if (at !== -1) {
    const userinfo = authority.slice(0, at);
    const colon = userinfo.indexOf(':');
    const username = decode(colon === -1 ? userinfo : userinfo.slice(0, colon));
    if (username !== '') found.username = username;
    if (colon !== -1) found.password = decode(userinfo.slice(colon + 1));
  }
  const queryStart = tail.indexOf('?');
  if (queryStart !== -1) {
    const hashStart = tail.indexOf('#', queryStart);
    const query = tail.slice(queryStart + 1, hashStart === -1 ? undefined : hashStart);
    const kept = query.split('&').filter((pair) => {
      const equals = pair.indexOf('=');
      const key = decode(equals === -1 ? pair : pair.slice(0, equals)).toLowerCase();
      const value = equals === -1 ? '' : decode(pair.slice(equals + 1));
      if (USERNAME_KEYS.has(key)) {
        if (value !== '') found.username ??= value;
        return false;
      }
      if (PASSWORD_KEYS.has(key)) {
        found.password ??= value;
        return false;
      }
      return true;
    });
    const hash = hashStart === -1 ? '' : tail.slice(hashStart);
    tail = `${tail.slice(0, queryStart)}${kept.length > 0 ? `?${kept.join('&')}` : ''}${hash}`;
  }
  return { url: `${scheme}${authority.slice(at + 1)}${tail}`, ...found };
}

/** True when the URL holds a username or password anywhere. */
export function hasUrlCredentials(url: string): boolean {
  return splitUrlCredentials(url).url !== url;
}

const URL_FIELDS = ['mainUrl', 'subUrl', 'onvifUrl'] as const;
const FIELD_NAMES: Record<(typeof URL_FIELDS)[number] | 'username' | 'password', string> = {
  mainUrl: 'main_url',
  subUrl: 'sub_url',
  onvifUrl: 'onvif_url',
  username: 'the username column',
  password: 'the password column',
};

type WithUrls = { mainUrl?: unknown; subUrl?: unknown; onvifUrl?: unknown; username?: unknown; password?: unknown };

/**
 * The camera with the credentials of its URLs moved into its username and password fields. Two
 * places that give different values are a mistake the installer must settle (which one is right
 * cannot be guessed): that is `conflict`, in words that never show either value.
 */
export function moveUrlCredentials<T extends WithUrls>(camera: T): { camera: T } | { conflict: string } {
  const moved: WithUrls = { ...camera };
  const sources: Record<'username' | 'password', { from: string; value: string }[]> = { username: [], password: [] };
  for (const kind of ['username', 'password'] as const) {
    const value = camera[kind];
    if (typeof value === 'string') sources[kind].push({ from: FIELD_NAMES[kind], value });
  }
  for (const field of URL_FIELDS) {
    const url = camera[field];
    if (typeof url !== 'string') continue;
    const split = splitUrlCredentials(url);
    moved[field] = split.url;
    for (const kind of ['username', 'password'] as const) {
      const value = split[kind];
      if (value !== undefined) sources[kind].push({ from: FIELD_NAMES[field], value });
    }
  }
  for (const kind of ['username', 'password'] as const) {
    const [first, ...others] = sources[kind];
    const differing = others.find((other) => other.value !== first?.value);
    if (first && differing) {
      return { conflict: `${differing.from} and ${first.from} give different ${kind}s: give the credentials once, in the username and password columns` };
    }
    if (first) moved[kind] = first.value;
  }
  return { camera: moved as T };
}
