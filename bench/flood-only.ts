// `npm run bench -- --only flood [--quick]`: the flood step alone, on an engine with one bench box
// and no cameras.
import { benchUsers } from './bench-users.js';
import { measureFlood } from './flood.js';
import type { MachineInfo } from './machine.js';
import type { BenchPlan } from './plan.js';
import { renderFlood } from './report.js';
import { runStepAlone } from './step-alone.js';

const FLOOD_BOX = 'box-flood';

export function runFloodOnly(plan: BenchPlan, machine: MachineInfo, log: (line: string) => void): Promise<void> {
  return runStepAlone({
    name: 'flood',
    plan,
    machine,
    log,
    engine: { cameras: [], boxes: [{ id: FLOOD_BOX, name: 'Flood box', place: 'Bench junction', lat: 26.62, lon: 80.3467 }], users: benchUsers([]), pullGraceMs: 1000 },
    measure: (engine) => {
      log('flood from one kiosk key and one socket…');
      return measureFlood({ engine, boxId: FLOOD_BOX, ...plan.flood, log });
    },
    render: renderFlood,
  });
}
