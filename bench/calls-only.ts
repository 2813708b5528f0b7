// `npm run bench -- --only calls [--calls 8,10]`: the simultaneous-calls step alone, on an engine
// with no cameras (the step uses none), so capacity can be probed without the 6-minute full run.
// Writes bench/results/<timestamp>-calls.json with the machine and the plan beside the figures.
import path from 'node:path';
import { benchUsers } from './bench-users.js';
import { callBoxIds, measureCalls } from './calls.js';
import { startEngineProcess, type EngineProcess } from './engine-process.js';
import type { MachineInfo } from './machine.js';
import type { BenchPlan } from './plan.js';
import { renderCalls } from './report.js';
import { writeResults } from './results-file.js';

export async function runCallsOnly(plan: BenchPlan, machine: MachineInfo, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  let engine: EngineProcess | undefined;
  try {
    engine = await startEngineProcess({
      cameras: [],
      boxes: callBoxIds(plan.calls).map((id, i) => ({ id, name: `Bench box ${i}`, place: 'Bench junction', lat: 26.62 + i * 0.001, lon: 80.3467 })),
      users: benchUsers(plan.calls),
      pullGraceMs: 1000,
    });
    log('call boxes: simultaneous two-way calls…');
    const calls = await measureCalls({ engine, steps: plan.calls, windowMs: plan.cpuWindow.windowMs, log });
    const results = { startedAt: new Date(started).toISOString(), durationS: (Date.now() - started) / 1000, machine, plan, calls };
    const file = writeResults(results, 'calls');
    log('');
    for (const line of renderCalls(calls)) log(line);
    log('');
    log(`results: ${path.relative(process.cwd(), file)}`);
  } finally {
    await engine?.close();
  }
}
