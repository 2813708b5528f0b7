// WS-Security UsernameToken with PasswordDigest (OASIS UsernameToken Profile 1.0 §3.1), as ONVIF
// devices check it: Base64(SHA-1(nonce + created + password)), with Created fresh and each nonce
// used once, so a captured request cannot be replayed.
import { createHash, timingSafeEqual } from 'node:crypto';
import { xmlBlocks, xmlText } from '../../../common/xml-text.js';

export type TokenCheck = 'ok' | 'missing' | 'denied';

const FRESH_MS = 5 * 60_000;
const MAX_REMEMBERED_NONCES = 4096;

export function passwordDigest(nonce: Buffer, created: string, password: string): string {
  return createHash('sha1')
    .update(Buffer.concat([nonce, Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')]))
    .digest('base64');
}

export class UsernameTokenChecker {
  private readonly seenNonces = new Set<string>();

  constructor(
    private readonly username: string,
    private readonly password: string,
  ) {}

  check(envelope: string, now = Date.now()): TokenCheck {
    const header = xmlBlocks(envelope, 'Header', 1)[0];
    const token = header && xmlBlocks(header, 'UsernameToken', 1)[0];
    if (!token) return 'missing';
    const username = xmlText(token, 'Username');
    const digest = xmlText(token, 'Password');
    const nonce = xmlText(token, 'Nonce');
    const created = xmlText(token, 'Created');
    if (username === undefined || !digest || !nonce || !created) return 'denied';
    const createdAt = Date.parse(created);
    if (!Number.isFinite(createdAt) || Math.abs(now - createdAt) > FRESH_MS) return 'denied';
    if (this.seenNonces.has(nonce)) return 'denied';
    const expected = Buffer.from(passwordDigest(Buffer.from(nonce, 'base64'), created, this.password));
    const given = Buffer.from(digest);
    const sameUser = username === this.username;
    const sameDigest = expected.length === given.length && timingSafeEqual(expected, given);
    if (!sameUser || !sameDigest) return 'denied';
    this.remember(nonce);
    return 'ok';
  }

  private remember(nonce: string): void {
    if (this.seenNonces.size >= MAX_REMEMBERED_NONCES) {
      const oldest = this.seenNonces.values().next().value;
      if (oldest !== undefined) this.seenNonces.delete(oldest);
    }
    this.seenNonces.add(nonce);
  }
}
