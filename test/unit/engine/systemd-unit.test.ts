// resources/systemd/jharokha.service, read as systemd reads it: the options that keep a headless
// engine coming back and boxed in, and an ExecStart that still runs this checkout's `serve`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const unitFile = path.join(root, 'resources/systemd/jharokha.service');

type Unit = Map<string, Map<string, string[]>>;

/** systemd's unit syntax: [Section], Key=Value (a key may repeat), # and ; comments, \ continues a line. */
function parseUnit(text: string): Unit {
  const unit: Unit = new Map();
  let section: Map<string, string[]> | undefined;
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  for (const [n, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([A-Za-z]+)\]$/.exec(line);
    if (header) {
      section = new Map();
      unit.set(header[1]!, section);
      continue;
    }
    const eq = line.indexOf('=');
    if (!section || eq <= 0) throw new Error(`line ${n + 1} is not Key=Value inside a section: ${line}`);
    const key = line.slice(0, eq).trim();
    section.set(key, [...(section.get(key) ?? []), line.slice(eq + 1).trim()]);
  }
  return unit;
}

const text = fs.readFileSync(unitFile, 'utf8');
const unit = parseUnit(text);
/** The last value of a key, as systemd takes it for single-valued options. */
const option = (section: string, key: string): string | undefined => unit.get(section)?.get(key)?.at(-1);
const service = (key: string): string | undefined => option('Service', key);

describe('systemd unit for headless servers', () => {
  it('restarts the engine whatever way it ended, soon, and never gives up on a crash loop', () => {
    assert.equal(service('Restart'), 'always');
    const seconds = Number(/^(\d+)s?$/.exec(service('RestartSec') ?? '')?.[1]);
    assert.ok(seconds >= 1 && seconds <= 5, `RestartSec ${service('RestartSec')}`);
    assert.equal(option('Unit', 'StartLimitIntervalSec'), '0');
    assert.equal(option('Install', 'WantedBy'), 'multi-user.target');
  });

  it('runs this checkout\'s serve command as the npm script does, with the data dir it may write', () => {
    const workdir = service('WorkingDirectory')!;
    const [node, ...args] = service('ExecStart')!.split(/\s+/);
    assert.ok(path.isAbsolute(node!), 'ExecStart names node by its full path');
    const script = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.serve as string;
    const [, ...npmArgs] = script.split(' '); // node --import tsx main/engine/node/cli.ts serve
    const cliIndex = npmArgs.findIndex((a) => a.endsWith('cli.ts'));
    assert.deepEqual(args.slice(0, npmArgs.length), npmArgs.map((a, i) => (i === cliIndex ? path.posix.join(workdir, a) : a)));
    assert.ok(fs.existsSync(path.join(root, path.posix.relative(workdir, args[cliIndex]!))), 'the cli exists at that place in the checkout');

    const flags = args.slice(npmArgs.length);
    const dataDir = flags[flags.indexOf('--data-dir') + 1];
    assert.equal(dataDir, `/var/lib/${service('StateDirectory')}`);
    assert.deepEqual(service('ReadWritePaths')?.split(/\s+/), [dataDir]);
    assert.ok(flags.includes('--no-demo'));
    // The flags the unit passes are ones serve's parseArgs knows (it is strict: an unknown one stops the start).
    const cli = fs.readFileSync(path.join(root, 'main/engine/node/cli.ts'), 'utf8');
    for (const flag of flags.filter((f) => f.startsWith('--'))) assert.match(cli, new RegExp(`'${flag.slice(2)}': \\{ type`), flag);
  });

  it('takes the token and the site\'s flags from one environment file, described by the example beside it', () => {
    assert.equal(service('EnvironmentFile'), '/etc/jharokha/jharokha.env');
    assert.match(service('ExecStart')!, / \$JHAROKHA_SERVE_ARGS$/);
    const example = fs.readFileSync(path.join(root, 'resources/systemd/jharokha.env.example'), 'utf8');
    for (const name of ['JHAROKHA_TOKEN', 'JHAROKHA_SERVE_ARGS']) assert.match(example, new RegExp(`^${name}=.+`, 'm'), name);
  });

  it('runs as its own unprivileged user, boxed in by the usual hardening', () => {
    assert.equal(service('User'), 'jharokha');
    assert.equal(service('Group'), 'jharokha');
    const expected: Record<string, string> = {
      NoNewPrivileges: 'yes',
      ProtectSystem: 'strict',
      ProtectHome: 'yes',
      PrivateTmp: 'yes',
      PrivateDevices: 'yes',
      ProtectKernelTunables: 'yes',
      ProtectKernelModules: 'yes',
      ProtectKernelLogs: 'yes',
      ProtectControlGroups: 'yes',
      RestrictAddressFamilies: 'AF_UNIX AF_INET AF_INET6 AF_NETLINK',
      RestrictNamespaces: 'yes',
      RestrictSUIDSGID: 'yes',
      CapabilityBoundingSet: '',
      SystemCallArchitectures: 'native',
    };
    for (const [key, value] of Object.entries(expected)) assert.equal(service(key), value, key);
  });

  it('leaves W^X memory allowed (node\'s JIT needs it) and says why', () => {
    assert.equal(service('MemoryDenyWriteExecute'), undefined);
    assert.match(text, /^# MemoryDenyWriteExecute is deliberately not set: V8's JIT/m);
  });

  it('allows descriptors for 5,000 cameras and thousands of sockets', () => {
    assert.ok(Number(service('LimitNOFILE')) >= 65_536, `LimitNOFILE ${service('LimitNOFILE')}`);
  });

  it('the parser refuses a line outside any section, so a broken unit fails here', () => {
    assert.throws(() => parseUnit('Restart=always\n[Service]\n'), /line 1/);
  });
});
