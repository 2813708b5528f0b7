// CPU time of a process from /proc: utime+stime of /proc/<pid>/stat (all threads, dead ones
// included; 1/CLK_TCK resolution) and, where the kernel has it, the sum of every thread's
// /proc/<pid>/task/*/schedstat (nanoseconds) for a finer figure over short windows.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

let clockTicks: number | undefined;

function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

export interface CpuSample {
  pid: number;
  at: number;
  /** utime + stime from /proc/<pid>/stat, seconds. */
  statS: number;
  /** Sum of the threads' on-CPU time from schedstat, seconds (undefined where unavailable). */
  schedS: number | undefined;
}

function readStatSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces and parentheses): state is field 3.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  return (utime + stime) / ticksPerSecond();
}

function readSchedSeconds(pid: number): number | undefined {
  try {
    let ns = 0;
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // the thread ended between listing and reading
      }
    }
    return ns / 1e9;
  } catch {
    return undefined;
  }
}

export function sampleCpu(pid: number): CpuSample {
  return { pid, at: performance.now(), statS: readStatSeconds(pid), schedS: readSchedSeconds(pid) };
}

/** CPU seconds per wall-clock second of the two server processes. */
export interface ServerCpu {
  worker: number;
  engine: number;
}

export interface CpuRate {
  /** CPU seconds per wall-clock second from /proc/<pid>/stat. */
  stat: number;
  /** The same from schedstat (finer), or the stat figure where schedstat is missing. */
  fine: number;
}

export function cpuRate(before: CpuSample, after: CpuSample): CpuRate {
  const wallS = (after.at - before.at) / 1000;
  const stat = (after.statS - before.statS) / wallS;
  // Threads that ended inside the window drop out of the schedstat sum: trust it only when it
  // agrees with the stat figure to within the stat figure's resolution.
  const fine =
    before.schedS !== undefined && after.schedS !== undefined ? (after.schedS - before.schedS) / wallS : stat;
  const tick = 2 / ticksPerSecond() / wallS;
  return { stat, fine: Math.abs(fine - stat) <= tick ? fine : stat };
}

/** Samples several processes over one window. */
export async function measureCpu(pids: Record<string, number>, windowMs: number): Promise<Record<string, CpuRate>> {
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, sampleCpu(pid)]));
  await new Promise((r) => setTimeout(r, windowMs));
  const after = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, sampleCpu(pid)]));
  return Object.fromEntries(Object.keys(pids).map((k) => [k, cpuRate(before[k]!, after[k]!)]));
}
