// One bench step run alone (`npm run bench -- --only <step>`) on an engine of its own: the step
// measured, its lines printed, and bench/results/<timestamp>-<step>.json written with the machine
// and the plan beside the figures.
import path from 'node:path';
import { startEngineProcess, type EngineHostConfig, type EngineProcess } from './engine-process.js';
import type { MachineInfo } from './machine.js';
import type { BenchPlan } from './plan.js';
import { writeResults } from './results-file.js';

export async function runStepAlone<R>(step: {
  name: string;
  plan: BenchPlan;
  machine: MachineInfo;
  log: (line: string) => void;
  engine: Omit<EngineHostConfig, 'dataDir'>;
  measure: (engine: EngineProcess) => Promise<R>;
  render: (result: R) => string[];
}): Promise<void> {
  const started = Date.now();
  let engine: EngineProcess | undefined;
  try {
    engine = await startEngineProcess(step.engine);
    const result = await step.measure(engine);
    const results = { startedAt: new Date(started).toISOString(), durationS: (Date.now() - started) / 1000, machine: step.machine, plan: step.plan, [step.name]: result };
    const file = writeResults(results, step.name);
    step.log('');
    for (const line of step.render(result)) step.log(line);
    step.log('');
    step.log(`results: ${path.relative(process.cwd(), file)}`);
  } finally {
    await engine?.close();
  }
}
