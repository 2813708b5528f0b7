// TLS for the engine's port (a site serving HTTPS/WSS) and for a workstation's connections to its
// site. The site snapshot carries camera credentials and password hashes: between machines it must
// travel encrypted. Certificate files are checked at start, so a wrong path or a key that belongs
// to another certificate stops the engine with the file named, not at the first client.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import { isIP } from 'node:net';
import tls from 'node:tls';

/** Where the site's certificate (PEM, leaf first, chain after it) and its private key (PEM) lie. */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

/** What https.createServer takes: the PEM texts, checked to belong together. */
export interface ServerTls {
  cert: string;
  key: string;
}

/** Options for https.request and ws clients: `ca` only when extra CAs are trusted (the default store otherwise). */
export interface ClientTls {
  ca?: string[];
  /** Set explicitly, so NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment cannot turn verification off either. */
  rejectUnauthorized: true;
}

export class TlsConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TlsConfigError';
  }
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function readPem(file: string, what: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new TlsConfigError(`${what} ${file} cannot be read: ${reason(error)}`, { cause: error });
  }
  if (!text.includes('-----BEGIN ')) throw new TlsConfigError(`${what} ${file} is not a PEM file (no -----BEGIN line)`);
  return text;
}

/** Every certificate in a PEM text, each checked to parse; `what file` names it in the error. */
function certificates(pem: string, where: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new TlsConfigError(`${where} holds no certificate (-----BEGIN CERTIFICATE-----)`);
  return blocks.map((block, i) => {
    try {
      return new X509Certificate(block);
    } catch (error) {
      throw new TlsConfigError(`${where}: certificate ${i + 1} does not parse: ${reason(error)}`, { cause: error });
    }
  });
}

/** Reads and checks the site's certificate and key: both parse, and the key is the certificate's. */
export function loadServerTls(files: TlsFiles): ServerTls {
  const cert = readPem(files.certFile, 'TLS certificate file');
  const key = readPem(files.keyFile, 'TLS key file');
  const [leaf] = certificates(cert, `TLS certificate file ${files.certFile}`);
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch (error) {
    throw new TlsConfigError(`TLS key file ${files.keyFile} holds no usable private key (an unencrypted PEM key is needed): ${reason(error)}`, { cause: error });
  }
  if (!leaf!.checkPrivateKey(privateKey)) {
    throw new TlsConfigError(`TLS key file ${files.keyFile} does not match the certificate in ${files.certFile}`);
  }
  const days = (Date.parse(leaf!.validTo) - Date.now()) / 86_400_000;
  if (days < 0) throw new TlsConfigError(`TLS certificate file ${files.certFile} expired on ${leaf!.validTo}`);
  try {
    tls.createSecureContext({ cert, key });
  } catch (error) {
    throw new TlsConfigError(`TLS certificate ${files.certFile} and key ${files.keyFile} are refused by OpenSSL: ${reason(error)}`, { cause: error });
  }
  return { cert, key };
}

/** Reads a PEM file of CA (or self-signed) certificates to trust besides the default store. */
export function loadCaFile(file: string): string {
  const pem = readPem(file, 'CA certificate file');
  certificates(pem, `CA certificate file ${file}`);
  return pem;
}

/** Checks PEM text given directly (not from a file) holds certificates; the message says what is wrong. */
export function checkCaPem(pem: string): void {
  certificates(pem, 'the trusted CA text');
}

/**
 * Node's `ca` replaces the trusted store, so the default roots go in with the extra CA: a site
 * whose certificate comes from a public CA still verifies. Verification is never turned off.
 */
export function clientTls(extraCa: string | undefined): ClientTls {
  return extraCa ? { ca: [...tls.rootCertificates, extraCa], rejectUnauthorized: true } : { rejectUnauthorized: true };
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./.test(bare);
  return false;
}

const CERT_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS_CERT_ALTNAME|HOSTNAME|SIGNATURE/;

/** A connection error in words for the log: certificate trouble says what to do about it. */
export function describeConnectError(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = reason(error);
  if (typeof code === 'string' && CERT_ERROR.test(code)) {
    return `the site's TLS certificate is not trusted (${code}: ${message}); give its CA with --upstream-ca, or check the address matches the certificate`;
  }
  return message;
}
