// `npm run bench -- --only flood [--quick]`: the flood step alone, on an engine with one bench box
// and no cameras. Writes bench/results/<timestamp>-flood.json with the machine and the plan.
import path from 'node:path';
import { benchUsers } from './bench-users.js';
import { startEngineProcess, type EngineProcess } from './engine-process.js';
import { measureFlood } from './flood.js';
import type { MachineInfo } from './machine.js';
import type { BenchPlan } from './plan.js';
import { renderFlood } from './report.js';
import { writeResults } from './results-file.js';

const FLOOD_BOX = 'box-flood';

export async function runFloodOnly(plan: BenchPlan, machine: MachineInfo, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  let engine: EngineProcess | undefined;
  try {
    engine = await startEngineProcess({
      cameras: [],
      boxes: [{ id: FLOOD_BOX, name: 'Flood box', place: 'Bench junction', lat: 26.62, lon: 80.3467 }],
      users: benchUsers([]),
      pullGraceMs: 1000,
    });
    log('flood from one kiosk key and one socket…');
    const flood = await measureFlood({ engine, boxId: FLOOD_BOX, ...plan.flood, log });
    const results = { startedAt: new Date(started).toISOString(), durationS: (Date.now() - started) / 1000, machine, plan, flood };
    const file = writeResults(results, 'flood');
    log('');
    for (const line of renderFlood(flood)) log(line);
    log('');
    log(`results: ${path.relative(process.cwd(), file)}`);
  } finally {
    await engine?.close();
  }
}
