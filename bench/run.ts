// npm run bench [-- --quick]: forwarding CPU per consumer stream, latency, time to first frame and
// a side-by-side with Janus, on real processes (simulator → engine + mediasoup worker → Chromium).
// Prints the machine and a compact table; writes everything to bench/results/<timestamp>.json.
// Measurement, not a test: nothing here fails on a slow figure.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../test/support/chromium.js';
import { measureForwarding, type ForwardingSeries } from './cpu.js';
import { startEngineProcess, type EngineProcess } from './engine-process.js';
import { BENCH_PASSWORD, OBSERVER_USER, benchUsers, pressToRingUser } from './bench-users.js';
import { callBoxIds, measureCalls } from './calls.js';
import { runCallsOnly } from './calls-only.js';
import { runCapacityOnly } from './capacity-only.js';
import { measureCapacity } from './capacity/capacity.js';
import { DECODE_CAMERAS, runDecodeOnly } from './decode-only.js';
import { decodeDisplayLine, measureDecodeWall, type DecodeWallResult } from './decode-wall.js';
import { CITY_CAMERAS, measureCityScale } from './city-scale.js';
import { measureJanus, type JanusResult } from './janus/side-by-side.js';
import { instantCameras, measureInstant, type InstantResult } from './instant.js';
import { runInstantOnly } from './instant-only.js';
import { measurePressToRing } from './press-to-ring.js';
import { measureFlood } from './flood.js';
import { runFloodOnly } from './flood-only.js';
import { describeMachine, machineLine } from './machine.js';
import { planFor } from './plan.js';
import { clockSkewMs } from './probe.js';
import { measureCpu } from './proc-cpu.js';
import { ensureRendererBundle } from './renderer-bundle.js';
import { LATENCY_TARGET_P50_MS, renderTable, type BenchResults } from './report.js';
import { writeResults } from './results-file.js';
import { cameraRecords, startSimFarm, type BenchCamera, type SimFarm } from './sim-farm.js';
import { round } from './stats.js';
import { WallPages } from './wall-pages.js';

const log = (line: string): void => console.log(line);
const BENCH_BOX = 'box-bench';
const ids = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`);

async function main(): Promise<void> {
  const started = Date.now();
  const plan = planFor(process.argv.slice(2));
  const machine = describeMachine();
  log(`jharokha bench (${plan.only ? `${plan.only} only, ` : ''}${plan.quick ? 'quick' : 'full'})`);
  log(`machine: ${machineLine(machine)}`);
  if ((await ensureRendererBundle()) === 'built') log('renderer bundle rebuilt (dist/renderer)');
  if (plan.only === 'calls') return runCallsOnly(plan, machine, log);
  if (plan.only === 'decode') return runDecodeOnly(plan, machine, log);
  if (plan.only === 'flood') return runFloodOnly(plan, machine, log);
  if (plan.only === 'capacity') return runCapacityOnly(plan, machine, log);
  if (plan.only === 'instant') return runInstantOnly(plan, machine, log);

  const forwardCameras = ids('cpu', Math.max(...plan.camerasOneViewer, 1));
  const cameras: BenchCamera[] = [
    ...forwardCameras.map((id) => ({ id, gopS: 2 as const })),
    { id: 'cpu-udp', gopS: 2, transport: 'udp' },
    ...instantCameras(plan.firstFrameTrials),
    { id: 'janus-cam', gopS: 2 },
    ...DECODE_CAMERAS.map((id) => ({ id, gopS: 2 as const })),
  ];
  const notes: string[] = [];
  let farm: SimFarm | undefined;
  let engine: EngineProcess | undefined;
  let browser: Browser | undefined;
  let walls: WallPages | undefined;
  try {
    farm = await startSimFarm(cameras);
    engine = await startEngineProcess({
      cameras: cameraRecords(farm).filter((c) => c.id !== 'janus-cam'),
      boxes: [BENCH_BOX, ...callBoxIds(plan.calls)].map((id, i) => ({
        id,
        name: `Bench box ${i}`,
        place: 'Bench junction',
        // Beyond the incident radius of every bench camera: a call's console shows the call alone,
        // so the calls step measures calls, not eight consoles decoding nine cameras each.
        lat: 26.62 + i * 0.001,
        lon: 80.3467,
      })),
      users: benchUsers(plan.calls),
      pullGraceMs: 1000,
    });
    browser = await launchChromium();
    walls = await WallPages.open(engine, browser, farm.sendLog);
    const pids = { engine: engine.pid, worker: engine.workerPid, shard: engine.shardPid };

    const idleCpu = await measureCpu(pids, 2000);
    const idle = { worker: round(idleCpu.worker!.fine, 4), engine: round(idleCpu.engine!.fine + idleCpu.shard!.fine, 4) };

    // JIT and first-use costs of the engine and worker land here, not in the first measured window.
    log('warming up…');
    await walls.spread(forwardCameras.slice(0, 4));
    await walls.waitLive(4, 30_000);
    await new Promise((r) => setTimeout(r, plan.cpuWindow.warmupMs + 1000));
    const clock = await clockSkewMs([...walls.pages.values()][0]!);
    await walls.spread([]);
    await new Promise((r) => setTimeout(r, 1500));

    let phaseAt = Date.now();
    const phaseDone = (name: string): void => {
      log(`  (${name}: ${((Date.now() - phaseAt) / 1000).toFixed(0)} s)`);
      phaseAt = Date.now();
    };
    log('forwarding CPU and latency…');
    const forwarding: ForwardingSeries[] = [];
    const common = { walls, pids, sendLog: farm.sendLog, window: plan.cpuWindow, log };
    forwarding.push(
      await measureForwarding({ ...common, scenario: '1xN', transport: 'tcp', steps: plan.oneCameraViewers, cameraIds: forwardCameras }),
    );
    forwarding.push(
      await measureForwarding({ ...common, scenario: 'Mx1', transport: 'tcp', steps: plan.camerasOneViewer, cameraIds: forwardCameras }),
    );
    const udpSeries =
      plan.udpViewers.length > 0
        ? await measureForwarding({ ...common, scenario: '1xN', transport: 'udp', steps: plan.udpViewers, cameraIds: ['cpu-udp'] })
        : undefined;
    phaseDone('forwarding');
    const single = forwarding[0]!.points.find((p) => p.streams === 1) ?? forwarding[0]!.points[0]!;
    const latency = { ...single.latency, targetP50Ms: LATENCY_TARGET_P50_MS, pass: single.latency.toPresented.p50 <= LATENCY_TARGET_P50_MS };

    const instant: InstantResult = await measureInstant({ engine, walls, plan, recallCameras: forwardCameras.slice(0, 4), log });
    await walls.close();
    walls = undefined;
    phaseDone('instant video');

    log('decode per display…');
    const decodeWall: DecodeWallResult = await measureDecodeWall({ engine, browser, cameraIds: DECODE_CAMERAS, ...plan.decodeWall, sendLog: farm.sendLog, log });
    for (const d of decodeWall.displays) log(`  ${decodeDisplayLine(d)}`);
    phaseDone('decode per display');

    log('janus side by side…');
    const janus: JanusResult = await measureJanus({
      browser,
      rtspUrl: farm.simulator.url('janus-cam', 'main'),
      cameraId: 'janus-cam',
      steps: plan.janusViewers,
      sendLog: farm.sendLog,
      window: plan.cpuWindow,
      log,
    });
    if (!janus.measured) log(`janus: not measured (${janus.why})`);
    phaseDone('janus');

    log('call boxes: press to ring…');
    const pressToRing = await measurePressToRing({
      consoleUrl: engine.wsUrl,
      kioskUrl: engine.kioskWsUrl(BENCH_BOX),
      ...plan.pressToRing,
      login: (i) => ({ username: pressToRingUser(i), password: BENCH_PASSWORD }),
      closer: { username: OBSERVER_USER, password: BENCH_PASSWORD },
    });
    phaseDone('press to ring');

    log('call boxes: simultaneous two-way calls…');
    const calls = await measureCalls({ engine, steps: plan.calls, windowMs: plan.cpuWindow.windowMs, log });
    phaseDone('calls');

    log('flood from one kiosk key and one socket…');
    const flood = await measureFlood({ engine, boxId: BENCH_BOX, ...plan.flood, log });
    phaseDone('flood');

    log('city scale: 5,000 cameras…');
    const cityScale = await measureCityScale(log, { cameras: CITY_CAMERAS, ...plan.city });
    phaseDone('city scale');

    // Alone on the machine: its own simulator, engines, Janus and receivers; nothing else running.
    await browser.close();
    browser = undefined;
    await engine.close();
    engine = undefined;
    log('capacity at real camera rates…');
    const capacity = await measureCapacity(plan.capacity, log);
    phaseDone('capacity');

    for (const t of instant.firstFrame) {
      const missed = t.keyframeShown.filter((k) => k >= 1).length;
      if (t.mode === 'cold' && missed > 0) {
        notes.push(
          `cold pulls, key frames every ${t.gopS} s: in ${missed} of ${t.keyframeShown.length} trials the tile's first frame was not the ` +
            `camera's opening key frame but a later one (p50 ${t.firstFrame.p50} ms ≈ one key-frame interval): most likely the opening key frame ` +
            "reaches the producer before the tile's consumer exists and mediasoup keeps none for a late consumer.",
        );
      }
    }
    notes.push(
      'ours = mediasoup worker + engine process (its steady work is the RTSP ingest); Janus = its one process, ingest included. ' +
        "Our cameras are pulled over RTSP/TCP (the default); Janus's RTSP client uses RTSP/UDP" +
        (udpSeries ? ', so ours is also shown pulling over UDP. ' : '. ') +
        'Chromium decodes every stream on the same cores and is not counted.',
    );
    if (janus.measured) {
      notes.push(
        'Janus rebases each viewer\'s RTP timestamps to start near 0: its latency maps a viewer\'s first presented frame to the ' +
          'last key frame the simulator sent before it arrived, and every other frame by that offset.',
      );
    }
    const results: BenchResults = {
      startedAt: new Date(started).toISOString(),
      durationS: (Date.now() - started) / 1000,
      machine,
      plan,
      clock: { pageSkewMs: round(clock.skewMs, 2), roundTripMs: round(clock.roundTripMs, 2) },
      idle,
      forwarding,
      latency,
      instant,
      decodeWall,
      janus,
      oursOverUdp: udpSeries,
      pressToRing,
      flood,
      calls,
      cityScale,
      capacity,
      notes,
    };
    const file = writeResults(results);
    log('');
    log(renderTable(results));
    log('');
    log(`results: ${path.relative(process.cwd(), file)}`);
  } finally {
    await walls?.close();
    await browser?.close().catch(() => undefined);
    await engine?.close();
    await farm?.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('bench failed:', error);
    process.exit(1);
  },
);
