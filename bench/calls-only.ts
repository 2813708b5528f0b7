// `npm run bench -- --only calls [--calls 8,10]`: the simultaneous-calls step alone, on an engine
// with no cameras (the step uses none), so capacity can be probed without the 6-minute full run.
import { benchUsers } from './bench-users.js';
import { callBoxIds, measureCalls } from './calls.js';
import type { MachineInfo } from './machine.js';
import type { BenchPlan } from './plan.js';
import { renderCalls } from './report.js';
import { runStepAlone } from './step-alone.js';

export function runCallsOnly(plan: BenchPlan, machine: MachineInfo, log: (line: string) => void): Promise<void> {
  return runStepAlone({
    name: 'calls',
    plan,
    machine,
    log,
    engine: {
      cameras: [],
      boxes: callBoxIds(plan.calls).map((id, i) => ({ id, name: `Bench box ${i}`, place: 'Bench junction', lat: 26.62 + i * 0.001, lon: 80.3467 })),
      users: benchUsers(plan.calls),
      pullGraceMs: 1000,
    },
    measure: (engine) => {
      log('call boxes: simultaneous two-way calls…');
      return measureCalls({ engine, steps: plan.calls, windowMs: plan.cpuWindow.windowMs, log });
    },
    render: renderCalls,
  });
}
