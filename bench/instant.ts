// The instant-video step (issue 18): time to first frame and to a fresh frame, cold and warm, at
// 1, 2 and 4 s GOPs (first-frame.ts); preset recall on the 4-display wall (preset-recall.ts); and
// viewers joining a camera already served, 1 and 16 together, ours (join-together.ts) beside
// Janus's streaming plugin with its key-frame buffer (janus/join.ts). Run in the full bench and
// alone (`--only instant`, instant-only.ts); the targets are printed beside the figures.
import type { EngineProcess } from './engine-process.js';
import { coldFirstFrames, warmFirstFrames, type FirstFrameResult } from './first-frame.js';
import { measureJanusJoin, type JanusJoin } from './janus/join.js';
import { measureOursJoin, type JoinStep } from './join-together.js';
import type { BenchPlan } from './plan.js';
import { measurePresetRecall, PRESET_RECALL_TARGET_MS, type PresetRecallResult } from './preset-recall.js';
import type { BenchCamera } from './sim-farm.js';
import { spread, type Spread } from './stats.js';
import type { WallPages } from './wall-pages.js';

export const INSTANT_GOPS = [1, 2, 4] as const;
const JOIN_CAMERA = 'join-cam';
const JOIN_GOP_S = 2;

const ids = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`);

/** The simulator cameras the step needs besides the preset recall's four (gop 2, already pulled or not). */
export function instantCameras(trials: number): BenchCamera[] {
  return [
    ...INSTANT_GOPS.flatMap((g) => [...ids(`ttff-g${g}`, trials), `ttff-g${g}-warm`].map((id) => ({ id, gopS: g }))),
    { id: JOIN_CAMERA, gopS: JOIN_GOP_S },
  ];
}

export interface JoinComparison {
  /** The camera's stream both serve: 640×360 sub, 25 fps, key frames every 2 s. */
  stream: string;
  ours: (JoinStep & { spread: Spread })[];
  janus: ({ measured: true; steps: (JoinStep & { spread: Spread })[] } | { measured: false; why: string });
  /** Ours at the most viewers vs Janus's key-frame-buffer figure there, p95. */
  target: { viewers: number; ours: number; janus: number; pass: boolean } | null;
}

export interface InstantResult {
  firstFrame: FirstFrameResult[];
  presetRecall: PresetRecallResult;
  join: JoinComparison;
}

const withSpread = (s: JoinStep): JoinStep & { spread: Spread } => ({ ...s, spread: spread(s.firstFrameMs) });

export async function measureInstant(options: {
  engine: EngineProcess;
  walls: WallPages;
  plan: BenchPlan;
  /** Four gop-2 cameras for the preset recall. */
  recallCameras: string[];
  log: (line: string) => void;
}): Promise<InstantResult> {
  const { engine, walls, plan, log } = options;
  const trials = plan.firstFrameTrials;
  log('time to first frame and to a fresh frame…');
  const firstFrame: FirstFrameResult[] = [];
  for (const gopS of INSTANT_GOPS) {
    firstFrame.push(await coldFirstFrames(walls, gopS, ids(`ttff-g${gopS}`, trials), log));
    firstFrame.push(await warmFirstFrames(walls, gopS, `ttff-g${gopS}-warm`, trials, log));
    for (const t of firstFrame.slice(-2)) log(`  ${firstFrameLine(t)}`);
  }
  log('preset recall on a 4-display wall…');
  const presetRecall = await measurePresetRecall({ engine, walls, cameraIds: options.recallCameras, gopS: 2, recalls: plan.presetRecalls, log });
  log(`  ${presetRecallLine(presetRecall)}`);
  log(`viewers joining a camera already served (ours, 1 and ${Math.max(...plan.joinViewers)} together)…`);
  const ours = (await measureOursJoin(walls, JOIN_CAMERA, JOIN_GOP_S, plan.joinViewers, plan.joinTrials)).map(withSpread);
  log("the same on Janus's streaming plugin with videobufferkf…");
  const janusJoin: JanusJoin = await measureJanusJoin(plan.joinViewers, plan.joinTrials);
  const janus: JoinComparison['janus'] = janusJoin.measured ? { measured: true, steps: janusJoin.joins.map(withSpread) } : janusJoin;
  const most = Math.max(...plan.joinViewers);
  const oursMost = ours.find((s) => s.viewers === most);
  const janusMost = janus.measured ? janus.steps.find((s) => s.viewers === most) : undefined;
  const target =
    oursMost && janusMost ? { viewers: most, ours: oursMost.spread.p95, janus: janusMost.spread.p95, pass: oursMost.failures === 0 && oursMost.spread.p95 <= janusMost.spread.p95 } : null;
  return { firstFrame, presetRecall, join: { stream: 'sub 640×360, 25 fps, key frames every 2 s', ours, janus, target } };
}

const f0 = (v: number): string => (Number.isFinite(v) ? v.toFixed(0) : '—');
const verdict = (pass: boolean): string => (pass ? 'PASS' : 'FAIL');

function firstFrameLine(t: FirstFrameResult): string {
  return (
    `gop ${t.gopS} s ${t.mode.padEnd(4)}: first frame p50 ${f0(t.firstFrame.p50)} / p95 ${f0(t.firstFrame.p95)} ms (target p95 ≤ ${t.targetMs}); ` +
    `frame under 500 ms old p50 ${f0(t.freshFrame.p50)} / p95 ${f0(t.freshFrame.p95)} ms (target p95 ≤ ${t.freshTargetMs}); ` +
    `${t.fastStarts}/${t.firstFrame.n} fast starts${t.failures ? `; ${t.failures} trials failed` : ''}: ${verdict(t.pass)}`
  );
}

function presetRecallLine(pr: PresetRecallResult): string {
  return (
    `recall → all ${pr.displays} displays on their new camera: p50 ${f0(pr.recallMs.p50)} / p95 ${f0(pr.recallMs.p95)} ms over ${pr.recallMs.n} recalls ` +
    `(target p95 ≤ ${PRESET_RECALL_TARGET_MS} ms)${pr.failures ? `, ${pr.failures} failed` : ''}: ${verdict(pr.failures === 0 && pr.recallMs.p95 <= PRESET_RECALL_TARGET_MS)}`
  );
}

export function renderInstant(r: InstantResult): string[] {
  const out = ['instant video (issue 18): wall.set → tile, trials of cameras already pulled (warm) or not (cold)'];
  out.push('   GOP  pull   trials  first frame p50/p95 ms  target  | frame < 500 ms old p50/p95 ms  target | fast starts  verdict');
  for (const t of r.firstFrame) {
    out.push(
      `   ${t.gopS} s  ${t.mode.padEnd(5)}${String(t.firstFrame.n).padStart(7)}  ${`${f0(t.firstFrame.p50)} / ${f0(t.firstFrame.p95)}`.padStart(22)}  ≤ ${String(t.targetMs).padEnd(5)}` +
        `| ${`${f0(t.freshFrame.p50)} / ${f0(t.freshFrame.p95)}`.padStart(29)}  ≤ ${String(t.freshTargetMs).padEnd(5)}| ${String(t.fastStarts).padStart(11)}  ${verdict(t.pass)}` +
        `${t.failures ? ` (${t.failures} trials failed)` : ''}`,
    );
  }
  out.push(`   preset recall, 4-display wall, gop ${r.presetRecall.gopS} s: ${presetRecallLine(r.presetRecall)}`);
  const j = r.join;
  out.push(`   viewers joining a camera already served (${j.stream}): join → first presented frame in Chromium, ms`);
  out.push('   viewers   ours p50 / p95 (n, failed)   janus videobufferkf p50 / p95 (n, failed)');
  for (const o of j.ours) {
    const jn = j.janus.measured ? j.janus.steps.find((s) => s.viewers === o.viewers) : undefined;
    const cell = (s: (JoinStep & { spread: Spread }) | undefined): string => (s ? `${f0(s.spread.p50)} / ${f0(s.spread.p95)} (${s.spread.n}, ${s.failures})` : '—');
    out.push(`   ${String(o.viewers).padStart(7)}   ${cell(o).padEnd(28)}   ${cell(jn)}`);
  }
  if (!j.janus.measured) out.push(`   janus: not measured (${j.janus.why})`);
  if (j.target) out.push(`   target: ours at ${j.target.viewers} p95 ${f0(j.target.ours)} ms ≤ Janus's key-frame-buffer p95 ${f0(j.target.janus)} ms: ${verdict(j.target.pass)}`);
  out.push(
    "   (ours: tiles of one 4×4 wall page given the camera in one wall.set, the page's transport already open; Janus: per viewer a handle, " +
      'watch, a new RTCPeerConnection answering, start, so ICE and DTLS are inside its figure; both measured on this machine in the same run)',
  );
  return out;
}
