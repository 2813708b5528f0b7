// `npm run bench -- --only instant [--quick]`: the instant-video step alone (instant.ts): its
// cameras, an engine, Chromium with the wall pages, and Janus in the bench's network namespace.
// Writes bench/results/<timestamp>-instant.json with the machine and the plan beside the figures.
import type { Browser } from 'playwright-core';
import { launchChromium } from '../test/support/chromium.js';
import { benchUsers } from './bench-users.js';
import { instantCameras, measureInstant, renderInstant } from './instant.js';
import type { MachineInfo } from './machine.js';
import type { BenchPlan } from './plan.js';
import { cameraRecords, startSimFarm, type SimFarm } from './sim-farm.js';
import { runStepAlone } from './step-alone.js';
import { WallPages } from './wall-pages.js';

const RECALL_CAMERAS = ['recall-1', 'recall-2', 'recall-3', 'recall-4'];

export async function runInstantOnly(plan: BenchPlan, machine: MachineInfo, log: (line: string) => void): Promise<void> {
  let farm: SimFarm | undefined;
  let browser: Browser | undefined;
  try {
    farm = await startSimFarm([...instantCameras(plan.firstFrameTrials), ...RECALL_CAMERAS.map((id) => ({ id, gopS: 2 as const }))]);
    const sendLog = farm.sendLog;
    browser = await launchChromium();
    const chromium = browser;
    await runStepAlone({
      name: 'instant',
      plan,
      machine,
      log,
      engine: { cameras: cameraRecords(farm), users: benchUsers([]), pullGraceMs: 1000 },
      measure: async (engine) => {
        const walls = await WallPages.open(engine, chromium, sendLog);
        try {
          return await measureInstant({ engine, walls, plan, recallCameras: RECALL_CAMERAS, log });
        } finally {
          await walls.close();
        }
      },
      render: renderInstant,
    });
  } finally {
    await browser?.close().catch(() => undefined);
    await farm?.close();
  }
}
