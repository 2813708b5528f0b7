// What the figures were measured on: CPU, cores, memory, OS and the versions of everything in the
// media path, so two result files can be compared honestly.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import { chromiumPath } from '../test/support/chromium.js';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  kernel: string;
  node: string;
  chromium: string;
  mediasoup: string;
  janus: string;
}

export const janusPath = process.env.JANUS_PATH ?? '/usr/bin/janus';

function run(file: string, args: string[]): string {
  try {
    return execFileSync(file, args, { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    const out = (error as { stdout?: string }).stdout?.trim();
    return out || '';
  }
}

function osName(): string {
  try {
    const release = fs.readFileSync('/etc/os-release', 'utf8');
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(release)?.[1] ?? os.type();
  } catch {
    return `${os.type()} ${os.release()}`;
  }
}

function mediasoupVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    return (require('mediasoup/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function janusVersion(): string {
  if (!fs.existsSync(janusPath)) return 'not installed';
  // `janus --version` is not an option: the banner is printed before option parsing fails.
  const banner = run(janusPath, ['--help']);
  return /Janus version:\s*\d+\s*\(([^)]+)\)/.exec(banner)?.[1] ?? 'unknown';
}

export function describeMachine(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: osName(),
    kernel: os.release(),
    node: process.version,
    chromium: run(chromiumPath, ['--version']).split('\n').pop()?.replace(/\s+built on.*$/, '').trim() || 'unknown',
    mediasoup: mediasoupVersion(),
    janus: janusVersion(),
  };
}

export function machineLine(m: MachineInfo): string {
  return (
    `${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os} (kernel ${m.kernel}), Node ${m.node}, ` +
    `${m.chromium}, mediasoup ${m.mediasoup}, Janus ${m.janus}`
  );
}
