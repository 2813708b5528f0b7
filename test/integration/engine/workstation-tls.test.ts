// TLS between a site server and its workstations, with real sockets and a throwaway self-signed
// certificate made by openssl: the site serves HTTPS and WSS only; a workstation told to trust the
// certificate copies the snapshot (camera credentials included) and relays a page that logs in; one
// not told refuses the site and says why, and never gets the snapshot another way; bad certificate
// or key files stop the engine at start, naming the file.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { repoRoot, SiteEngine } from '../../../main/engine/node/site-engine.js';
import type { UpstreamOptions } from '../../../main/engine/node/workstation/upstream-options.js';
import { until } from '../../support/wait.js';
import { OPERATOR, seedSite, SITE_TOKEN, type SeededSite } from '../../support/site-process.js';
import { makeSelfSignedCert, type TlsFixture } from './tls-fixture.js';
import { TestClient } from '../../support/ws-client.js';
import { openEngineFile, type EngineFile } from '../../support/engine-stores.js';

const run = promisify(execFile);
// A busy 2-core machine: network waits are generous.
const SLOW_MS = 30_000;

/** Everything the engine logs at warn (the logger writes warn and info through console.warn). */
function captureWarnings(): { lines: string[]; stop: () => void } {
  const lines: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
    original(...args);
  };
  return { lines, stop: () => (console.warn = original) };
}

function get(url: string, options: https.RequestOptions = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = (url.startsWith('https:') ? https : http).get(url, options, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.setTimeout(SLOW_MS, () => req.destroy(new Error('timed out')));
    req.on('error', reject);
  });
}

const tmpDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-tls-ws-'));

describe('TLS between a site server and its workstations', () => {
  let tls: TlsFixture;
  let seeded: SeededSite;
  let site: SiteEngine;
  let siteStored: EngineFile;
  let siteStartWarnings: string[];
  const engines: SiteEngine[] = [];
  const files: EngineFile[] = [];
  const clients: TestClient[] = [];
  const dirs: string[] = [];

  const upstream = (extra: Partial<UpstreamOptions> = {}): UpstreamOptions => ({
    siteUrl: `https://127.0.0.1:${new URL(site.baseUrl).port}`,
    workstationId: 'ws-1',
    key: seeded.workstationKey,
    siteToken: SITE_TOKEN,
    ...extra,
  });

  /** A workstation engine following the site, and its own file opened beside it. */
  async function startWorkstation(up: UpstreamOptions): Promise<{ workstation: SiteEngine; local: EngineFile }> {
    const dataDir = tmpDir();
    dirs.push(dataDir);
    // Site and workstation share this process: slow pings, so a busy machine (scrypt, benchmarks
    // beside us) does not read as the site going away and put the relayed page out mid-login.
    const engine = await SiteEngine.create({ dataDir, port: 0, demo: false, upstream: up, upstreamTiming: { pingMs: 5_000, pollMs: 60_000, requestTimeoutMs: 20_000 } });
    engines.push(engine);
    const local = await openEngineFile(dataDir);
    files.push(local);
    return { workstation: engine, local };
  }

  before(async () => {
    tls = makeSelfSignedCert();
    seeded = await seedSite([
      { id: 'cam-a', name: 'Ghantaghar', category: 'market', lat: 26.46, lon: 80.35, mainUrl: 'rtsp://10.20.0.7/main' },
      { id: 'cam-b', name: 'Bada Chauraha', category: 'market', lat: 26.47, lon: 80.34, mainUrl: 'rtsp://10.20.0.8/main' },
    ]);
    dirs.push(seeded.dataDir, tls.dir);
    const warnings = captureWarnings();
    try {
      site = await SiteEngine.create({ dataDir: seeded.dataDir, port: 0, token: SITE_TOKEN, demo: false, escalateAfterMs: 3_600_000, tls: { certFile: tls.certFile, keyFile: tls.keyFile } });
    } finally {
      warnings.stop();
    }
    siteStartWarnings = warnings.lines;
    siteStored = await openEngineFile(seeded.dataDir);
    files.push(siteStored);
    // Credentials in the snapshot are what TLS is for: one camera carries some.
    siteStored.cameras.upsertMany([{ id: 'cam-bank', name: 'SBI Mall Road', category: 'bank', lat: 26.47, lon: 80.33, mainUrl: 'rtsp://10.20.0.5/main', username: 'admin', password: 'cam s3cret' }]);
  });

  after(async () => {
    for (const client of clients) client.close();
    for (const file of files) file.close();
    for (const engine of engines) await engine.close();
    await site?.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the site serves HTTPS and WSS on its port, its URLs say so, and plain HTTP gets no answer', async () => {
    assert.match(site.baseUrl, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.match(site.wsUrl(), /^wss:\/\//);
    assert.match(site.consoleUrl(), /^https:\/\//);
    assert.match(site.wallUrl(), /^https:\/\//);
    const health = await get(`${site.baseUrl}/healthz`, { ca: tls.certPem });
    const body = JSON.parse(health.body) as { ok: boolean; media: { workers: { alive: boolean }[] } };
    assert.deepEqual([health.status, body.ok], [200, true]);
    assert.ok(body.media.workers.length > 0 && body.media.workers.every((w) => w.alive), 'the media pool is on /healthz');
    await assert.rejects(get(`${site.baseUrl}/healthz`), /self-signed certificate/, 'not trusted without the CA');
    await assert.rejects(get(`http://127.0.0.1:${new URL(site.baseUrl).port}/healthz`), 'no plain-HTTP answer from a TLS port');
    assert.ok(!siteStartWarnings.some((l) => l.includes('in the clear')), 'a site with TLS does not warn');
  });

  it('a workstation trusting the site\'s certificate copies the snapshot over TLS and relays a page that logs in', async () => {
    const { workstation, local } = await startWorkstation(upstream({ ca: tls.certPem }));
    const mode = workstation.internalsForTests.workstation!;
    await until('workstation in site mode over https', SLOW_MS, () => mode.workstation.siteMode);
    assert.equal(mode.workstation.siteDownReason, undefined);
    assert.equal(local.cameras.count(), siteStored.cameras.count());
    assert.equal(local.cameras.count(), 3);
    assert.deepEqual(local.cameras.endpoint('cam-bank', 'main'), siteStored.cameras.endpoint('cam-bank', 'main'));
    assert.equal(local.users.get(OPERATOR.username)?.role, 'operator');

    const page = await TestClient.connect(workstation.wsUrl());
    clients.push(page);
    const status = await page.waitFrame((f) => f.event === 'site.status', 'site.status', SLOW_MS);
    assert.equal(status.data.mode, 'site');
    // scrypt on the site, on a busy 2-core machine, can take seconds.
    const login = await page.request('session.login', OPERATOR, SLOW_MS);
    assert.equal(login.ok, true, JSON.stringify(login.error));
    assert.equal(login.result.user.username, OPERATOR.username);
    const siteLogins = siteStored.audit.list({ limit: 100 }).filter((e) => e.action === 'session.login');
    assert.ok(siteLogins.some((e) => e.actor.includes(OPERATOR.username)), 'the login was made on the site, through the relay');
    // The login the site granted is valid on the site itself, so the relay carried it there.
    assert.equal(siteStored.users.userForToken(login.result.token)?.username, OPERATOR.username);
  });

  it('without the CA the workstation refuses the site, says why, and never copies the snapshot another way', async () => {
    const warnings = captureWarnings();
    // Not even the environment switch that turns Node's verification off makes it accept the site.
    const rejectUnauthorized = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    let workstation: SiteEngine;
    try {
      let local: EngineFile;
      ({ workstation, local } = await startWorkstation(upstream()));
      const mode = workstation.internalsForTests.workstation!;
      await until('the certificate refusal reported', SLOW_MS, () => /certificate/.test(mode.workstation.siteDownReason ?? ''));
      assert.match(mode.workstation.siteDownReason!, /not trusted.*--upstream-ca/);
      // Several retry periods: still refused, nothing copied (no plain-text second try).
      await new Promise((r) => setTimeout(r, 2_000));
      assert.equal(mode.workstation.siteMode, false);
      assert.match(mode.workstation.siteDownReason!, /certificate/);
      assert.equal(local.cameras.count(), 0);
      assert.equal(local.users.get(OPERATOR.username), undefined);
      assert.equal(mode.cache.syncedAt(), undefined);
    } finally {
      warnings.stop();
      if (rejectUnauthorized === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = rejectUnauthorized;
    }
    const said = warnings.lines.filter((l) => l.includes('[site-link]') && l.includes('unreachable'));
    assert.ok(said.some((l) => /self-signed certificate/.test(l) && l.includes('--upstream-ca')), said.join('\n'));
    assert.ok(said.length <= 2, `the reason is said once, not at every retry:\n${said.join('\n')}`);

    const page = await TestClient.connect(workstation.wsUrl());
    clients.push(page);
    const status = await page.waitFrame((f) => f.event === 'site.status', 'site.status', SLOW_MS);
    assert.equal(status.data.mode, 'local');
  });

  it('bad certificate or key files stop the engine before it opens anything, naming the file', async () => {
    const dataDir = tmpDir();
    dirs.push(dataDir);
    const notPem = path.join(dataDir, 'not-pem.txt');
    fs.writeFileSync(notPem, 'hello\n');
    const missing = path.join(dataDir, 'missing-cert.pem');
    const cases: [{ certFile: string; keyFile: string }, RegExp][] = [
      [{ certFile: missing, keyFile: tls.keyFile }, new RegExp(`TLS certificate file ${missing} cannot be read`)],
      [{ certFile: tls.certFile, keyFile: path.join(dataDir, 'nokey.pem') }, /TLS key file .*nokey\.pem cannot be read/],
      [{ certFile: notPem, keyFile: tls.keyFile }, /TLS certificate file .*not-pem\.txt is not a PEM file/],
      [{ certFile: tls.keyFile, keyFile: tls.keyFile }, /site-key\.pem holds no certificate/],
      [{ certFile: tls.certFile, keyFile: tls.certFile }, /TLS key file .*site-cert\.pem holds no usable private key/],
      [{ certFile: tls.certFile, keyFile: tls.otherKeyFile }, /TLS key file .*other-key\.pem does not match the certificate in .*site-cert\.pem/],
    ];
    for (const [files, message] of cases) {
      await assert.rejects(SiteEngine.create({ dataDir, port: 0, demo: false, tls: files }), message);
    }
    assert.ok(!fs.existsSync(path.join(dataDir, 'engine.sqlite')), 'refused before the store was opened');
  });

  it('jharokha serve exits non-zero with the file named for bad TLS options', async () => {
    const dataDir = tmpDir();
    dirs.push(dataDir);
    const serve = async (args: string[], env: Record<string, string> = {}): Promise<{ code: number; stderr: string }> => {
      try {
        await run(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'main/engine/node/cli.ts'), 'serve', '--no-demo', '--port', '0', '--data-dir', dataDir, ...args], {
          cwd: repoRoot,
          env: { ...process.env, ...env },
          timeout: 60_000,
        });
        return { code: 0, stderr: '' };
      } catch (error) {
        const { code, stderr } = error as { code: number; stderr: string };
        return { code, stderr };
      }
    };
    const mismatch = await serve(['--tls-cert', tls.certFile, '--tls-key', tls.otherKeyFile]);
    assert.equal(mismatch.code, 1, mismatch.stderr);
    assert.ok(mismatch.stderr.includes(`TLS key file ${tls.otherKeyFile} does not match`), mismatch.stderr);

    const half = await serve(['--tls-cert', tls.certFile]);
    assert.equal(half.code, 1);
    assert.match(half.stderr, /--tls-cert and --tls-key go together/);

    const missingCa = path.join(dataDir, 'no-ca.pem');
    const env = { JHAROKHA_WORKSTATION_KEY: seeded.workstationKey, JHAROKHA_SITE_TOKEN: SITE_TOKEN };
    const ca = await serve(['--upstream', 'https://127.0.0.1:1', '--workstation-id', 'ws-1', '--upstream-ca', missingCa], env);
    assert.equal(ca.code, 1);
    assert.ok(ca.stderr.includes(`CA certificate file ${missingCa} cannot be read`), ca.stderr);

    const caOnHttp = await serve(['--upstream', 'http://127.0.0.1:1', '--workstation-id', 'ws-1', '--upstream-ca', tls.certFile], env);
    assert.equal(caOnHttp.code, 1);
    assert.match(caOnHttp.stderr, /a trusted CA is for an https:\/\/ site address only/);
    assert.ok(!fs.existsSync(path.join(dataDir, 'engine.sqlite')));
  });

  it('a site with registered workstations and no TLS warns at start that credentials travel in the clear', async () => {
    const plain = await seedSite([]);
    dirs.push(plain.dataDir);
    const warnings = captureWarnings();
    try {
      engines.push(await SiteEngine.create({ dataDir: plain.dataDir, port: 0, demo: false, token: SITE_TOKEN }));
    } finally {
      warnings.stop();
    }
    assert.ok(
      warnings.lines.some((l) => l.includes('WARN') && l.includes('1 workstation(s) are registered') && l.includes('travel in the clear') && l.includes('--tls-cert')),
      warnings.lines.join('\n'),
    );
  });
});
