import assert from 'node:assert/strict';
import tls from 'node:tls';
import { describe, it } from 'node:test';
import { clientTls, describeConnectError, isLoopbackHost } from '../../../main/engine/node/tls-options.js';
import { parseUpstreamOptions, sentInTheClear } from '../../../main/engine/node/workstation/upstream-options.js';

const base = { workstationId: 'ws-1', key: 'k'.repeat(43), siteToken: 't'.repeat(32) };

describe('TLS options', () => {
  it('loopback hosts are 127.0.0.0/8, ::1 and localhost; anything else is another machine', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', 'ws.localhost', '::1', '[::1]', '::ffff:127.0.0.1']) assert.equal(isLoopbackHost(host), true, host);
    for (const host of ['0.0.0.0', '10.0.0.5', '192.168.1.2', 'site.example', '::', '[fe80::1]', 'localhost.example.com']) assert.equal(isLoopbackHost(host), false, host);
  });

  it('an http:// upstream is in the clear only when it leaves this machine', () => {
    assert.equal(sentInTheClear(parseUpstreamOptions({ ...base, siteUrl: 'http://10.0.0.5:8080' })), true);
    assert.equal(sentInTheClear(parseUpstreamOptions({ ...base, siteUrl: 'http://site.example:8080' })), true);
    assert.equal(sentInTheClear(parseUpstreamOptions({ ...base, siteUrl: 'http://127.0.0.1:8080' })), false);
    assert.equal(sentInTheClear(parseUpstreamOptions({ ...base, siteUrl: 'http://[::1]:8080' })), false);
    assert.equal(sentInTheClear(parseUpstreamOptions({ ...base, siteUrl: 'https://10.0.0.5:8443' })), false);
  });

  it('a trusted CA must be a PEM certificate and goes with an https:// site only', () => {
    assert.throws(() => parseUpstreamOptions({ ...base, siteUrl: 'https://10.0.0.5:8443', ca: 'not a certificate' }), /the trusted CA is not a PEM certificate/);
    const pem = tls.rootCertificates[0]!;
    assert.throws(() => parseUpstreamOptions({ ...base, siteUrl: 'http://10.0.0.5:8080', ca: pem }), /for an https:\/\/ site address only/);
    assert.equal(parseUpstreamOptions({ ...base, siteUrl: 'https://10.0.0.5:8443', ca: pem }).ca, pem);
  });

  it('an extra CA is trusted besides the default roots, never instead of them; verification is always on', () => {
    assert.deepEqual(clientTls(undefined), { rejectUnauthorized: true });
    const { ca } = clientTls('-----BEGIN CERTIFICATE-----\nextra\n-----END CERTIFICATE-----\n');
    assert.equal(ca!.length, tls.rootCertificates.length + 1);
    assert.ok(ca!.includes(tls.rootCertificates[0]!));
  });

  it('certificate errors say what to do; other errors pass through', () => {
    const selfSigned = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    assert.match(describeConnectError(selfSigned), /not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate\).*--upstream-ca/);
    const altName = Object.assign(new Error("Hostname/IP does not match certificate's altnames"), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    assert.match(describeConnectError(altName), /not trusted/);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    assert.equal(describeConnectError(refused), 'connect ECONNREFUSED 127.0.0.1:1');
  });
});
