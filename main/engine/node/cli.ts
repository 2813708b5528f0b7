#!/usr/bin/env -S node --import tsx
// jharokha serve: the site engine headless, on the demo site unless told otherwise.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '../../../common/logger.js';
import { importCamerasCommand, importUsage } from './cli-import.js';
import { userCommand, userUsage } from './cli-users.js';
import { workstationCommand, workstationUsage } from './cli-workstations.js';
import { demoUsers } from './demo/demo-users.js';
import { repoRoot, SiteEngine } from './site-engine.js';
import { loadCaFile } from './tls-options.js';
import { parseUpstreamOptions, type UpstreamOptions } from './workstation/upstream-options.js';

const log = createLogger('cli');
const defaultDataDir = (): string => process.env.JHAROKHA_DATA_DIR ?? path.join(repoRoot, '.jharokha');

const usage = `usage: jharokha serve [--host 127.0.0.1] [--port 8080] [--data-dir DIR] [--no-demo] [--escalate-after-s 20]
                     [--tls-cert FILE --tls-key FILE]   (PEM: serve HTTPS and WSS on the port)
                     [--public-url https://NAME:PORT ...]  (each address operators' browsers use besides
                      the listen one: pages from any other origin cannot open the engine's socket)
                     [--dev-source-maps]   (serve app.js.map from a bundle built with --source-maps)
                     [--rtc-ports 40000-49999]   (UDP/TCP ports for WebRTC media: two per call, one or two per console)
                     [--media-workers N]   (mediasoup worker processes; default one per core)
                     [--ingest-shards N]   (processes pulling the cameras' RTSP; default one per core)
       jharokha serve --upstream https://SITE:8443 [--upstream-ca FILE] --workstation-id ID [--port 8090] [--data-dir DIR]
         (a workstation following its site server; key and site token from
          JHAROKHA_WORKSTATION_KEY and JHAROKHA_SITE_TOKEN; --upstream-ca: a PEM CA or
          self-signed certificate trusted for the site besides the default roots)
${userUsage}
${workstationUsage}
${importUsage}
  env: JHAROKHA_TOKEN (WebSocket token; random per start if unset), JHAROKHA_LOG_LEVEL`;

/** `40000-49999`: the WebRTC port range, at least 100 ports (each console and call takes one or two). */
export function parsePortRange(text: string): { min: number; max: number } {
  const match = /^(\d{1,5})-(\d{1,5})$/.exec(text.trim());
  const [min, max] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!(min >= 1024 && max <= 65535 && max - min + 1 >= 100)) {
    throw new Error(`--rtc-ports must be FIRST-LAST within 1024-65535 and at least 100 ports wide, got "${text}"`);
  }
  return { min, max };
}

/** A process count (media workers, ingest shards): 1-64. */
export function parseCount(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`${flag} must be a whole number 1-64, got "${text}"`);
  return n;
}

export async function serve(argv: string[]): Promise<SiteEngine> {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8080' },
      'data-dir': { type: 'string', default: defaultDataDir() },
      'no-demo': { type: 'boolean', default: false },
      'announced-ip': { type: 'string' },
      'escalate-after-s': { type: 'string', default: '20' },
      upstream: { type: 'string' },
      'workstation-id': { type: 'string' },
      'upstream-ca': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'public-url': { type: 'string', multiple: true },
      'dev-source-maps': { type: 'boolean', default: false },
      'rtc-ports': { type: 'string' },
      'media-workers': { type: 'string' },
      'ingest-shards': { type: 'string' },
    },
  });
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) throw new Error('--tls-cert and --tls-key go together (PEM certificate and its private key)');
  if (values['upstream-ca'] !== undefined && values.upstream === undefined) throw new Error('--upstream-ca is for a workstation: it needs --upstream https://SITE:PORT');
  const ca = values['upstream-ca'] === undefined ? undefined : loadCaFile(path.resolve(values['upstream-ca']));
  const upstream = values.upstream === undefined ? undefined : upstreamFromEnv(values.upstream, values['workstation-id'], ca);
  const tls = values['tls-cert'] === undefined || values['tls-key'] === undefined ? undefined : { certFile: path.resolve(values['tls-cert']), keyFile: path.resolve(values['tls-key']) };
  const escalateAfterS = Number(values['escalate-after-s']);
  if (!Number.isFinite(escalateAfterS) || escalateAfterS < 1 || escalateAfterS > 3600) {
    throw new Error(`--escalate-after-s must be 1..3600 seconds, got "${values['escalate-after-s']}"`);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got "${values.port}"`);
  const engine = await SiteEngine.create({
    host: values.host,
    port,
    dataDir: path.resolve(values['data-dir']),
    demo: !values['no-demo'] && !upstream,
    upstream,
    token: process.env.JHAROKHA_TOKEN,
    webrtcListenIp: values.host === '0.0.0.0' ? '0.0.0.0' : values.host,
    webrtcAnnouncedIp: values['announced-ip'],
    escalateAfterMs: escalateAfterS * 1000,
    tls,
    publicUrls: values['public-url'],
    devSourceMaps: values['dev-source-maps'],
    rtcPorts: values['rtc-ports'] === undefined ? undefined : parsePortRange(values['rtc-ports']),
    mediaWorkers: values['media-workers'] === undefined ? undefined : parseCount('--media-workers', values['media-workers']),
    ingestShards: values['ingest-shards'] === undefined ? undefined : parseCount('--ingest-shards', values['ingest-shards']),
  });
  const demo: string[] = [];
  const demoKiosks = engine.demoKiosks();
  if (demoKiosks.length > 0) {
    // Each box has its own key and each demo user their own password, so both are written down
    // (readable by this user only) for whoever tries the demo.
    const file = path.join(path.resolve(values['data-dir']), 'demo-access.txt');
    const logins = demoUsers.map((u) => `${u.role}\t${u.username}\t${engine.demoPassword(u.username)}\n`).join('');
    const kiosks = demoKiosks.map((kiosk) => `${kiosk.name}\t${kiosk.url}\n`).join('');
    fs.writeFileSync(file, `# role\tuser\tpassword\n${logins}\n# call box\tkiosk address\n${kiosks}`, { mode: 0o600 });
    demo.push(
      `  log in:  ${demoUsers.map((u) => `${u.username} (${u.role})`).join(', ')}; passwords in ${file}`,
      `  call box: ${demoKiosks[0]!.url}`,
      `            (all ${demoKiosks.length} demo kiosks: ${file})`,
    );
  }
  process.stdout.write(
    [
      '',
      upstream ? `Jharokha workstation engine is running, following ${upstream.siteUrl}.` : 'Jharokha site engine is running.',
      `  console: ${engine.consoleUrl()}`,
      `  wall:    ${engine.wallUrl('main', '1')}`,
      ...demo,
      '  Ctrl-C stops it.',
      '',
    ].join('\n'),
  );
  const stop = (): void => {
    void engine.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return engine;
}

/** Secrets stay off the command line, where any user's `ps` would show them. */
function upstreamFromEnv(siteUrl: string, workstationId: string | undefined, ca: string | undefined): UpstreamOptions {
  const key = process.env.JHAROKHA_WORKSTATION_KEY;
  const siteToken = process.env.JHAROKHA_SITE_TOKEN;
  if (!workstationId || !key || !siteToken) {
    throw new Error('--upstream needs --workstation-id, and JHAROKHA_WORKSTATION_KEY (from workstation-add on the site) and JHAROKHA_SITE_TOKEN (the site\'s JHAROKHA_TOKEN) in the environment');
  }
  return parseUpstreamOptions({ siteUrl, workstationId, key, siteToken, ...(ca !== undefined ? { ca } : {}) });
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'serve') {
    await serve(rest);
  } else if (command === 'import-cameras') {
    const write = (stream: NodeJS.WriteStream) => (text: string) => stream.write(`${text}\n`);
    process.exitCode = await importCamerasCommand(rest, defaultDataDir(), { out: write(process.stdout), err: write(process.stderr) });
  } else if (command === 'user-add' || command === 'user-disable') {
    process.stdout.write(`${await userCommand(command, rest, defaultDataDir())}\n`);
  } else if (command === 'workstation-add' || command === 'workstation-revoke') {
    process.stdout.write(`${workstationCommand(command, rest, defaultDataDir())}\n`);
  } else {
    process.stderr.write(`${usage}\n`);
    process.exit(command ? 2 : 0);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    log.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
