// `npm run bench -- --only decode [--quick]`: the decode-per-display step alone (its 16 simulated
// cameras, an engine and Chromium), without the 6-minute full run.
// Writes bench/results/<timestamp>-decode.json with the machine and the plan beside the figures.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../test/support/chromium.js';
import { measureDecodeWall, renderDecodeWall } from './decode-wall.js';
import { startEngineProcess, type EngineProcess } from './engine-process.js';
import { machineLine, type MachineInfo } from './machine.js';
import type { BenchPlan } from './plan.js';
import { writeResults } from './results-file.js';
import { cameraRecords, startSimFarm, type SimFarm } from './sim-farm.js';
import { benchUsers } from './bench-users.js';

export const DECODE_CAMERAS = Array.from({ length: 16 }, (_, i) => `dec-${String(i + 1).padStart(2, '0')}`);

export async function runDecodeOnly(plan: BenchPlan, machine: MachineInfo, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  let farm: SimFarm | undefined;
  let engine: EngineProcess | undefined;
  let browser: Browser | undefined;
  try {
    farm = await startSimFarm(DECODE_CAMERAS.map((id) => ({ id, gopS: 2 as const })));
    engine = await startEngineProcess({ cameras: cameraRecords(farm), pullGraceMs: 1000, users: benchUsers([]) });
    browser = await launchChromium();
    log('decode per display…');
    const decodeWall = await measureDecodeWall({ engine, browser, cameraIds: DECODE_CAMERAS, ...plan.decodeWall, sendLog: farm.sendLog, log });
    const results = { startedAt: new Date(started).toISOString(), durationS: (Date.now() - started) / 1000, machine, plan, decodeWall };
    const file = writeResults(results, 'decode');
    log('');
    log(`machine: ${machineLine(machine)}`);
    log(`run: decode only, ${plan.quick ? '--quick' : 'full'}, ${results.durationS.toFixed(0)} s`);
    log(renderDecodeWall(decodeWall).join('\n'));
    log('');
    log(`results: ${path.relative(process.cwd(), file)}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await engine?.close();
    await farm?.close();
  }
}
