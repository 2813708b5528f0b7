// What a run measures: the full plan (6–7 minutes on 2 cores) or --quick (~1 minute).
// `--only calls` runs the simultaneous-calls step alone; `--calls 8` or `--calls 8,10,12` sets its steps.
// `--only decode` runs the decode-per-display step alone; `--only flood` the flood step;
// `--only capacity` the capacity step (bench/capacity/); `--only instant` the instant-video step.
import { PRESS_TO_RING_CONSOLES } from './bench-users.js';
import type { CapacityPlan } from './capacity/capacity.js';

export interface BenchPlan {
  quick: boolean;
  /** One step alone (`--only calls`, `--only decode`), or every step. */
  only: 'calls' | 'decode' | 'flood' | 'capacity' | 'instant' | undefined;
  oneCameraViewers: number[];
  camerasOneViewer: number[];
  cpuWindow: { warmupMs: number; windowMs: number };
  firstFrameTrials: number;
  /** Viewers joining a camera already served together (ours and Janus's key-frame buffer), and trials of each. */
  joinViewers: number[];
  joinTrials: number;
  /** Preset recalls timed on the 4-display wall (alternating two presets). */
  presetRecalls: number;
  janusViewers: number[];
  /** Our engine again at the Janus steps, pulling over RTSP/UDP as Janus does (empty: skipped). */
  udpViewers: number[];
  /** Press-to-ring: consoles listening, presses made one after another. */
  pressToRing: { consoles: number; presses: number };
  /** The flood: sockets opened on one kiosk key, presses sent from it, one socket's request burst. */
  flood: { sockets: number; presses: number; burst: number; rounds: number };
  /** Simultaneous two-way calls tried, in order (stops at the first step that does not hold). */
  calls: number[];
  /** The 5,000-camera city: engine starts timed, searches made, cameras pulled live for memory. */
  city: { startRuns: number; searches: number; liveCameras: number };
  /** Decode per display: streams unchanged this long, then decoded megapixels counted over the window. */
  decodeWall: { settleMs: number; windowMs: number };
  /** Capacity at real camera rates: the load steps per scenario, each measured over the window. */
  capacity: CapacityPlan;
}

const STEP_ALONE = ['calls', 'decode', 'flood', 'capacity', 'instant'];

function optionValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

export function planFor(argv: string[]): BenchPlan {
  const plan = basePlan(argv.includes('--quick'));
  const only = optionValue(argv, '--only');
  if (only !== undefined && !STEP_ALONE.includes(only)) throw new Error(`--only ${only}: only ${STEP_ALONE.map((s) => `"${s}"`).join(', ')} can run alone`);
  const calls = optionValue(argv, '--calls');
  if (calls !== undefined) {
    const steps = calls.split(',').map(Number);
    if (steps.length === 0 || steps.some((k) => !Number.isInteger(k) || k < 1)) throw new Error(`--calls ${calls}: give call counts, e.g. 8 or 8,10,12`);
    plan.calls = steps;
  }
  return { ...plan, only: only as BenchPlan['only'] };
}

function basePlan(quick: boolean): Omit<BenchPlan, 'only'> & { only?: undefined } {
  if (quick) {
    return {
      quick,
      oneCameraViewers: [1, 4],
      camerasOneViewer: [4],
      cpuWindow: { warmupMs: 1000, windowMs: 4000 },
      firstFrameTrials: 3,
      joinViewers: [1, 16],
      joinTrials: 2,
      presetRecalls: 4,
      janusViewers: [1, 4],
      udpViewers: [],
      pressToRing: { consoles: PRESS_TO_RING_CONSOLES, presses: 10 },
      flood: { sockets: 200, presses: 200, burst: 3000, rounds: 4 },
      calls: [2],
      city: { startRuns: 2, searches: 100, liveCameras: 16 },
      decodeWall: { settleMs: 2000, windowMs: 5000 },
      capacity: { cameras: 16, steps: { sub: [16], main: [1, 4], '1xN': [1, 16] }, windowMs: 2000, bisect: false },
    };
  }
  return {
    quick,
    oneCameraViewers: [1, 4, 8, 16],
    camerasOneViewer: [1, 4, 8, 16],
    cpuWindow: { warmupMs: 3000, windowMs: 10_000 },
    firstFrameTrials: 10,
    joinViewers: [1, 16],
    joinTrials: 6,
    presetRecalls: 10,
    janusViewers: [1, 4, 8, 16],
    udpViewers: [1, 4, 8, 16],
    pressToRing: { consoles: PRESS_TO_RING_CONSOLES, presses: 50 },
    flood: { sockets: 500, presses: 500, burst: 3000, rounds: 10 },
    calls: [2, 4, 8, 10],
    city: { startRuns: 5, searches: 600, liveCameras: 64 },
    decodeWall: { settleMs: 3000, windowMs: 10_000 },
    capacity: {
      cameras: 256,
      // Doubling, then one step between the last that held and the first that failed.
      // (1 and 16 viewers of one camera are the single-viewer and 16-viewer CPU figures too.)
      steps: { sub: [32, 64, 128, 256], main: [4, 8, 16, 32], '1xN': [1, 16, 32, 64, 128] },
      windowMs: 3000,
      bisect: true,
    },
  };
}
