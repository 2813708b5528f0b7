// CPU per process and per thread from /proc, for the capacity step's "saturated" verdict: a
// single-threaded part (the engine's main loop, a mediasoup worker, an ingest shard, one of
// Janus's threads) is saturated when one of its threads runs ~a whole core, whatever the
// process's total says. Thread times from schedstat (ns) where the kernel has it, else stat.
import fs from 'node:fs';
import os from 'node:os';
import { sampleCpu, cpuRate, type CpuSample } from '../proc-cpu.js';

export interface ProcessSample {
  whole: CpuSample;
  /** tid → on-CPU seconds. */
  threads: Map<number, { name: string; seconds: number }>;
}

export interface ProcessCpu {
  pid: number;
  name: string;
  /** CPU-s/s of the whole process. */
  cpu: number;
  /** The busiest thread's CPU-s/s and name. */
  busiest: { name: string; cpu: number };
}

function threadSeconds(pid: number, tid: number): number | undefined {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e9;
  } catch {
    return undefined;
  }
}

export function sampleProcess(pid: number): ProcessSample {
  const threads = new Map<number, { name: string; seconds: number }>();
  for (const name of fs.readdirSync(`/proc/${pid}/task`)) {
    const tid = Number(name);
    const seconds = threadSeconds(pid, tid);
    if (seconds === undefined) continue;
    let comm = '?';
    try {
      comm = fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
    } catch {
      // gone between listing and reading
    }
    threads.set(tid, { name: comm, seconds });
  }
  return { whole: sampleCpu(pid), threads };
}

export function processCpu(name: string, before: ProcessSample, after: ProcessSample): ProcessCpu {
  const wallS = (after.whole.at - before.whole.at) / 1000;
  let busiest = { name: '-', cpu: 0 };
  for (const [tid, t] of after.threads) {
    const was = before.threads.get(tid);
    if (!was) continue;
    const cpu = (t.seconds - was.seconds) / wallS;
    if (cpu > busiest.cpu) busiest = { name: t.name, cpu };
  }
  return { pid: before.whole.pid, name, cpu: cpuRate(before.whole, after.whole).fine, busiest };
}

/** Starts a reading of the whole machine; calling the result gives its busy cores since then. */
export function machineBusy(): () => number {
  const read = (): { busy: number; total: number } => {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = fields.reduce((s, v) => s + v, 0);
    return { busy: total - fields[3]! - fields[4]!, total };
  };
  const start = read();
  return () => {
    const end = read();
    const total = end.total - start.total;
    return total > 0 ? ((end.busy - start.busy) / total) * os.cpus().length : 0;
  };
}
