// Per-camera RTSP authentication: Digest (RFC 2617, MD5, with qop=auth or the older no-qop form) and
// Basic. Nonces are self-validating (timestamp + HMAC) so no per-client state is kept.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface CameraAuth {
  username: string;
  password: string;
  scheme?: 'digest' | 'basic';
  /** Digest only: offer qop="auth" in the challenge. Answers with or without qop are accepted either way. */
  qop?: boolean;
}

export type AuthResult = 'ok' | 'missing' | 'denied' | 'stale';

const NONCE_LIFETIME_MS = 10 * 60_000;

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

export function parseAuthParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const m of text.matchAll(/([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
    params.set((m[1] ?? '').toLowerCase(), (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1'));
  }
  return params;
}

/** The Digest response a client computes (RFC 2617 3.2.2.1); exported for tests and the bench. */
export function digestResponse(p: {
  username: string;
  password: string;
  realm: string;
  nonce: string;
  method: string;
  uri: string;
  qop?: string;
  nc?: string;
  cnonce?: string;
}): string {
  const ha1 = md5(`${p.username}:${p.realm}:${p.password}`);
  const ha2 = md5(`${p.method}:${p.uri}`);
  return p.qop ? md5(`${ha1}:${p.nonce}:${p.nc ?? ''}:${p.cnonce ?? ''}:${p.qop}:${ha2}`) : md5(`${ha1}:${p.nonce}:${ha2}`);
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class RtspAuthenticator {
  private readonly secret = randomBytes(16);

  constructor(readonly realm = 'Jharokha camera simulator') {}

  /** The WWW-Authenticate value for a 401. */
  challenge(auth: CameraAuth, stale = false): string {
    if (auth.scheme === 'basic') return `Basic realm="${this.realm}"`;
    const qop = auth.qop ? ', qop="auth"' : '';
    return `Digest realm="${this.realm}", nonce="${this.makeNonce()}", algorithm=MD5${qop}${stale ? ', stale=TRUE' : ''}`;
  }

  verify(auth: CameraAuth, method: string, header: string | undefined): AuthResult {
    if (!header) return 'missing';
    const space = header.indexOf(' ');
    const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
    const rest = space < 0 ? '' : header.slice(space + 1).trim();
    if (auth.scheme === 'basic') {
      if (scheme !== 'basic') return 'denied';
      const expected = Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64');
      return sameText(rest, expected) ? 'ok' : 'denied';
    }
    if (scheme !== 'digest') return 'denied';
    const p = parseAuthParams(rest);
    const nonce = p.get('nonce') ?? '';
    const response = p.get('response') ?? '';
    if (p.get('username') !== auth.username || p.get('realm') !== this.realm) return 'denied';
    const qop = p.get('qop');
    if (qop !== undefined && qop !== 'auth') return 'denied';
    const expected = digestResponse({
      username: auth.username,
      password: auth.password,
      realm: this.realm,
      nonce,
      method,
      uri: p.get('uri') ?? '',
      ...(qop ? { qop, nc: p.get('nc') ?? '', cnonce: p.get('cnonce') ?? '' } : {}),
    });
    if (!sameText(response.toLowerCase(), expected)) return 'denied';
    // Only a correct answer to an old nonce is "stale": the client knows the password, just re-hash.
    return this.nonceFresh(nonce) ? 'ok' : 'stale';
  }

  private makeNonce(issuedAt = Date.now()): string {
    const ts = issuedAt.toString(16);
    return ts + createHmac('sha256', this.secret).update(ts).digest('hex').slice(0, 24);
  }

  private nonceFresh(nonce: string): boolean {
    const ts = nonce.slice(0, -24);
    if (!/^[0-9a-f]{1,12}$/.test(ts) || !sameText(nonce, this.makeNonce(parseInt(ts, 16)))) return false;
    return Date.now() - parseInt(ts, 16) < NONCE_LIFETIME_MS;
  }
}
