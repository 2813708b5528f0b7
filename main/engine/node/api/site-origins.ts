// The browser origins this engine's pages are served from, which a WebSocket upgrade's Origin
// must be one of. Comparing with the request's Host header instead lets DNS rebinding through: a
// page at http://evil.example:8080 whose name the attacker re-points at this machine sends
// `Host: evil.example:8080` and a matching Origin. So the list comes from what the engine was told
// at start: the listen address (its loopback names for a loopback listener, this machine's
// interface addresses and name for a wildcard one), the announced address, the public URLs an
// installer gives (a DNS name behind which operators reach the site), and the desktop shell's
// own page scheme.
import os from 'node:os';
import { APP_ORIGIN } from '../../../../common/page-security.js';
import { isLoopbackHost } from '../tls-options.js';

export interface SiteAddresses {
  /** The listen host as given: a name, an address, or 0.0.0.0 / :: for every interface. */
  host: string;
  /** The port actually bound (never 0). */
  port: number;
  secure: boolean;
  announcedIp?: string;
  /** Full origins such as https://cctv.police.example (a reverse proxy's name and port). */
  publicUrls?: readonly string[];
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '::1'];
const WILDCARDS = new Set(['0.0.0.0', '::', '']);

function interfaceAddresses(): string[] {
  return Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address));
}

function hostsFor(addresses: SiteAddresses): string[] {
  const { host } = addresses;
  const hosts = [host, ...(addresses.announcedIp ? [addresses.announcedIp] : [])];
  if (WILDCARDS.has(host)) hosts.push(...LOOPBACK_NAMES, ...interfaceAddresses(), os.hostname());
  else if (isLoopbackHost(host)) hosts.push(...LOOPBACK_NAMES);
  return hosts;
}

const bracketed = (host: string): string => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);

export class SiteOrigins {
  private readonly origins: ReadonlySet<string>;

  constructor(addresses: SiteAddresses) {
    const scheme = addresses.secure ? 'https' : 'http';
    const origins = new Set<string>();
    for (const host of hostsFor(addresses)) {
      const origin = originOf(`${scheme}://${bracketed(host)}:${addresses.port}`);
      if (origin) origins.add(origin);
    }
    for (const url of addresses.publicUrls ?? []) origins.add(new URL(url).origin);
    this.origins = origins;
  }

  /** A request without an Origin is no browser page (tools, tests, a workstation's link). */
  allows(origin: string | undefined): boolean {
    if (origin === undefined || origin === APP_ORIGIN) return true;
    const normal = originOf(origin);
    return normal !== undefined && this.origins.has(normal);
  }

  /** For the log, so a refused page's installer sees what to add with --public-url. */
  list(): string[] {
    return [...this.origins, APP_ORIGIN];
  }
}

/** The URL's origin (default port dropped, name lower-cased); undefined for garbage or an opaque origin (jharokha:// included). */
function originOf(text: string): string | undefined {
  try {
    const { origin } = new URL(text);
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** Checks an installer's --public-url at start: an http(s) origin and nothing more. */
export function parsePublicUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--public-url "${text}" is not a URL (e.g. https://cctv.police.example:8443)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--public-url "${text}" must be http:// or https://`);
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new Error(`--public-url "${text}" must be an origin only (scheme, host and port), without a path`);
  }
  return url.origin;
}
