// `npm run bench -- --only capacity [--quick]`: the capacity step alone (bench/capacity/): its
// servers, simulator and receivers are its own, so nothing else needs to run.
import path from 'node:path';
import { measureCapacity, renderCapacity } from './capacity/capacity.js';
import type { MachineInfo } from './machine.js';
import type { BenchPlan } from './plan.js';
import { writeResults } from './results-file.js';

export async function runCapacityOnly(plan: BenchPlan, machine: MachineInfo, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  log('capacity at real camera rates…');
  const capacity = await measureCapacity(plan.capacity, log);
  const results = { startedAt: new Date(started).toISOString(), durationS: (Date.now() - started) / 1000, machine, plan, capacity };
  const file = writeResults(results, 'capacity');
  log('');
  for (const line of renderCapacity(capacity)) log(line);
  log('');
  log(`results: ${path.relative(process.cwd(), file)}`);
}
