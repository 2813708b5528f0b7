// A network namespace of the bench's own for the Janus side of the capacity step. Janus never
// gathers ICE candidates on loopback, and the bench sends nothing to any address but loopback and
// its own namespaces: so Janus, a simulator and a receiver run together inside one namespace, on
// a veth pair that lives there too (198.18.0.1, the benchmarking range), torn down afterwards.
import { execFileSync } from 'node:child_process';

export const NETNS_ADDRESS = '198.18.0.1';

export interface BenchNetns {
  name: string;
  /** The command line that runs `argv` inside the namespace (`ip netns exec` execs it: same pid). */
  wrap(argv: string[]): string[];
  close(): void;
}

const ip = (...args: string[]): void => void execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });

const PREFIX = 'jharokha-bench-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A bench killed mid-run leaves its namespace behind: remove those whose bench is gone. */
function removeLeftovers(): void {
  const names = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }).split('\n').map((l) => l.split(' ')[0]!);
  for (const name of names) {
    const pid = name.startsWith(PREFIX) ? Number(name.slice(PREFIX.length)) : NaN;
    if (Number.isInteger(pid) && !alive(pid)) ip('netns', 'del', name);
  }
}

/** Makes the namespace, or throws saying why it cannot (not root, no `ip`, no veth). */
export function createBenchNetns(): BenchNetns {
  removeLeftovers();
  const name = `${PREFIX}${process.pid}`;
  ip('netns', 'add', name);
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    try {
      ip('netns', 'del', name);
    } catch {
      // already gone
    }
  };
  try {
    const inside = (...args: string[]): void => ip('netns', 'exec', name, 'ip', ...args);
    inside('link', 'set', 'lo', 'up');
    inside('link', 'add', 'jb0', 'type', 'veth', 'peer', 'name', 'jb1');
    inside('addr', 'add', `${NETNS_ADDRESS}/24`, 'dev', 'jb0');
    inside('link', 'set', 'jb0', 'up');
    inside('link', 'set', 'jb1', 'up');
  } catch (error) {
    close();
    throw error;
  }
  process.once('exit', close);
  return { name, wrap: (argv) => ['ip', 'netns', 'exec', name, ...argv], close };
}
