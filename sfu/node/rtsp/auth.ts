// Basic and Digest (RFC 2617, MD5 and MD5-sess, with or without qop=auth) for RTSP requests.
import { createHash, randomBytes } from 'node:crypto';

export interface Challenge {
  scheme: 'basic' | 'digest';
  realm: string;
  nonce: string;
  opaque?: string;
  algorithm?: string;
  /** qop=auth offered: the response then includes nc and cnonce. */
  qopAuth: boolean;
  stale: boolean;
}

export interface Credentials {
  username: string;
  password: string;
}

const MAX_CHALLENGE_CHARS = 4096;

/** Parses auth-params: key=token or key="quoted string" (with \-escapes), comma separated. */
function parseParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  const re = /\s*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]*))\s*(?:,|$)/gy;
  let match: RegExpExecArray | null;
  while (re.lastIndex < text.length && (match = re.exec(text)) !== null) {
    const value = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '');
    params.set((match[1] ?? '').toLowerCase(), value);
    if (match[0].length === 0) break;
  }
  return params;
}

/** The strongest usable challenge among a response's WWW-Authenticate headers: Digest over Basic. */
export function parseChallenges(headers: readonly string[]): Challenge | undefined {
  let basic: Challenge | undefined;
  for (const header of headers) {
    if (header.length > MAX_CHALLENGE_CHARS) continue;
    const match = /^\s*(\w+)\s*(.*)$/s.exec(header);
    if (!match) continue;
    const scheme = (match[1] ?? '').toLowerCase();
    const params = parseParams(match[2] ?? '');
    if (scheme === 'digest') {
      const nonce = params.get('nonce');
      const algorithm = params.get('algorithm');
      if (!nonce) continue;
      if (algorithm && !/^md5(-sess)?$/i.test(algorithm)) continue;
      const qop = params.get('qop');
      return {
        scheme: 'digest',
        realm: params.get('realm') ?? '',
        nonce,
        opaque: params.get('opaque'),
        algorithm,
        qopAuth: qop !== undefined && qop.split(',').some((q) => q.trim().toLowerCase() === 'auth'),
        stale: (params.get('stale') ?? '').toLowerCase() === 'true',
      };
    }
    if (scheme === 'basic') basic = { scheme: 'basic', realm: params.get('realm') ?? '', nonce: '', qopAuth: false, stale: false };
  }
  return basic;
}

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');
const quote = (value: string): string => `"${value.replace(/["\\]/g, '\\$&')}"`;

/** Builds Authorization values for one challenge; counts nc across requests with the same nonce. */
export class Authenticator {
  private nonceCount = 0;

  constructor(
    readonly challenge: Challenge,
    private readonly credentials: Credentials,
    private readonly makeCnonce: () => string = () => randomBytes(8).toString('hex'),
  ) {}

  header(method: string, uri: string): string {
    const { username, password } = this.credentials;
    if (this.challenge.scheme === 'basic') {
      return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
    }
    const { realm, nonce, opaque, algorithm, qopAuth } = this.challenge;
    const cnonce = this.makeCnonce();
    let ha1 = md5(`${username}:${realm}:${password}`);
    if (algorithm?.toLowerCase() === 'md5-sess') ha1 = md5(`${ha1}:${nonce}:${cnonce}`);
    const ha2 = md5(`${method}:${uri}`);
    const parts = [
      `username=${quote(username)}`,
      `realm=${quote(realm)}`,
      `nonce=${quote(nonce)}`,
      `uri=${quote(uri)}`,
    ];
    if (qopAuth) {
      this.nonceCount++;
      const nc = this.nonceCount.toString(16).padStart(8, '0');
      parts.push(`response=${quote(md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`))}`);
      parts.push('qop=auth', `nc=${nc}`, `cnonce=${quote(cnonce)}`);
    } else {
      parts.push(`response=${quote(md5(`${ha1}:${nonce}:${ha2}`))}`);
      if (algorithm?.toLowerCase() === 'md5-sess') parts.push(`cnonce=${quote(cnonce)}`);
    }
    if (algorithm) parts.push(`algorithm=${algorithm}`);
    if (opaque !== undefined) parts.push(`opaque=${quote(opaque)}`);
    return `Digest ${parts.join(', ')}`;
  }
}
