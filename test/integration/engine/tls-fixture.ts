// Throwaway TLS material for tests, made with Debian's openssl at test time: a self-signed
// certificate for 127.0.0.1 and localhost with its key, and a second key that belongs to no
// certificate (for the mismatch error). Nothing here is reused outside one test run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TlsFixture {
  dir: string;
  certFile: string;
  keyFile: string;
  otherKeyFile: string;
  /** The certificate's PEM text: what a workstation is told to trust (--upstream-ca). */
  certPem: string;
}

export function makeSelfSignedCert(): TlsFixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-tls-'));
  const certFile = path.join(dir, 'site-cert.pem');
  const keyFile = path.join(dir, 'site-key.pem');
  const otherKeyFile = path.join(dir, 'other-key.pem');
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', certFile,
    '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost');
  openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', otherKeyFile);
  return { dir, certFile, keyFile, otherKeyFile, certPem: fs.readFileSync(certFile, 'utf8') };
}
