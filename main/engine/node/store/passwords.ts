// What the engine derives from a password, all with scrypt (RFC 7914, Node's own crypto), each under
// its own salt, with the parameters written beside the salt so raising them later leaves old values
// valid (`scrypt$N$r$p$salt`, then `$key` where the key is stored):
// - the login hash: what the site checks a password against; it never leaves the site.
// - the offline verifier: a workstation's copy of the users checks a typed password against it
//   while the site is away. It is not the login hash, so whoever holds it logs in nowhere.
// - the carry key: made from the password under the carry salt, kept by the site alone. A
//   workstation, which has the salt, makes it from the typed password, signs the login it granted
//   offline with it and forgets it, so the site can tell the password was typed there.
import { createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// OWASP's minimum for scrypt (N=2^17, r=8, p=1): ~128 MiB and ~0.3 s per attempt on this class of
// machine, which is what makes a stolen hash or verifier expensive to guess.
const SCRYPT = { cost: 2 ** 17, blockSize: 8, parallelization: 1 } as const;
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_BYTES, { ...options, maxmem: 256 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** A fresh salt with today's parameters: `scrypt$N$r$p$salt`. */
function newSalt(): string {
  return ['scrypt', SCRYPT.cost, SCRYPT.blockSize, SCRYPT.parallelization, randomBytes(16).toString('base64url')].join('$');
}

/** The key `password` makes under a `scrypt$N$r$p$salt` text; undefined for any other text. */
async function keyUnder(password: string, salted: string): Promise<Buffer | undefined> {
  const [scheme, n, r, p, salt] = salted.split('$');
  if (scheme !== 'scrypt' || !salt) return undefined;
  return derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
}

/** A salted hash to check a password against later: `scrypt$N$r$p$salt$key`. */
export async function hashPassword(password: string): Promise<string> {
  const salted = newSalt();
  const key = await keyUnder(password, salted);
  return `${salted}$${key!.toString('base64url')}`;
}

export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const cut = stored.lastIndexOf('$');
  const expected = Buffer.from(stored.slice(cut + 1), 'base64url');
  const actual = cut > 0 ? await keyUnder(password, stored.slice(0, cut)) : undefined;
  return actual !== undefined && actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The two values besides the login hash that the site makes whenever it knows a password. */
export interface OfflineSecrets {
  /** A hash of the password under its own salt, for a workstation to check offline logins. */
  verifier: string;
  /** `scrypt$N$r$p$salt` of the carry key: a workstation gets it to make the key itself. */
  carrySalt: string;
  /** base64url; stays on the site. */
  carryKey: string;
}

export async function makeOfflineSecrets(password: string): Promise<OfflineSecrets> {
  const verifier = await hashPassword(password);
  const carrySalt = newSalt();
  const carryKey = await keyUnder(password, carrySalt);
  return { verifier, carrySalt, carryKey: carryKey!.toString('base64url') };
}

/** A login granted on a workstation while its site was away, as the site is asked to open it. */
export interface CarriedLogin {
  username: string;
  tokenHash: string;
  expiresAt: number;
}

// The proof binds who, which token and until when: it cannot be moved to another user or token,
// nor replayed to make a login last longer than the one the workstation granted.
function sign(carryKey: Buffer, login: CarriedLogin): Buffer {
  return createHmac('sha256', carryKey).update(['session.carry', login.username, login.tokenHash, String(login.expiresAt)].join('|')).digest();
}

/** The workstation's side: the carry key made from the typed password, used once and wiped. */
export async function carryProof(password: string, carrySalt: string, login: CarriedLogin): Promise<string | undefined> {
  const carryKey = await keyUnder(password, carrySalt);
  if (!carryKey) return undefined;
  try {
    return sign(carryKey, login).toString('base64url');
  } finally {
    carryKey.fill(0);
  }
}

/** The site's side, with the carry key it stored. */
export function carryProofMatches(carryKey: string, login: CarriedLogin, proof: string): boolean {
  const expected = sign(Buffer.from(carryKey, 'base64url'), login);
  const actual = Buffer.from(proof, 'base64url');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
