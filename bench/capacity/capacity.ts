// The capacity step: how many streams one machine carries, by scenario, for (a) our engine with one
// media worker and one ingest shard, (b) our engine with its default pool, (c) Janus's streaming
// plugin pulling the same simulated cameras; all served by the simulator at real camera rates in
// its own process and received over real WebRTC by one receiver process. Prints CPU per stream at
// every step, then the capacities and their ratios, and the 1×1 and 16-viewer CPU lines vs Janus.
import { round } from '../stats.js';
import { ramp, SCENARIOS, type CapacitySeries, type Scenario } from './ramp.js';
import { ReceiverProcess } from './receiver-process.js';
import { createBenchNetns, NETNS_ADDRESS, type BenchNetns } from './netns.js';
import { startJanusServer, startOurs, type ServerUnderTest } from './servers.js';
import { startSimProcess, type SimProcess } from './sim-process.js';

export interface CapacityPlan {
  /** Cameras the simulator serves (the Mx1 steps cannot go past it). */
  cameras: number;
  steps: Record<Scenario, number[]>;
  windowMs: number;
  /** One more step between the last that held and the first that failed. */
  bisect: boolean;
}

type ServerLabel = 'single' | 'pool' | 'janus';

const SERVERS: { label: ServerLabel; what: string; pool?: { mediaWorkers?: number; ingestShards?: number } }[] = [
  { label: 'single', what: 'ours, 1 media worker + 1 ingest shard', pool: { mediaWorkers: 1, ingestShards: 1 } },
  { label: 'pool', what: 'ours, default pool', pool: {} },
  { label: 'janus', what: "Janus's streaming plugin (RTSP mountpoints)" },
];

export interface CapacityResult {
  plan: CapacityPlan;
  servers: { label: ServerLabel; what: string; pool?: Record<string, number>; workersSeen: number; shardsSeen: number }[];
  series: CapacitySeries[];
  /** The most streams each server held, by scenario. */
  most: Record<ServerLabel, Record<Scenario, number>>;
  ratios: { poolOverSingle: Record<Scenario, number>; poolOverJanus: Record<Scenario, number> };
  /** 1 camera × 1 viewer at real main rate: server CPU-s/s. */
  oneByOne: { single: number; pool: number; janus: number; poolOverJanus: number };
  /** 1 camera × 16 viewers: server CPU per viewer stream (total/16), and the marginal (16 − 1)/15. */
  perViewerAt16: { pool: number; janus: number; poolOverJanus: number; poolMarginal: number; janusMarginal: number };
  notes: string[];
}

/** Capacity users needed: a person holds 128 streams (8 batches of 16). */
const usersFor = (plan: CapacityPlan): number => Math.ceil(Math.max(...Object.values(plan.steps).flat()) / 128) + 1;

/** The cameras, the receivers and the server: in the root namespace for ours, in the bench's own for Janus. */
interface Side {
  sim: SimProcess;
  receiver: ReceiverProcess;
  close(): Promise<void>;
}

async function startSide(cameras: number, log: (line: string) => void, netns?: BenchNetns): Promise<Side> {
  const sim = await startSimProcess(cameras, log, netns?.wrap);
  const receiver = await ReceiverProcess.start(netns ? { wrap: netns.wrap, address: NETNS_ADDRESS } : {}).catch(async (error: unknown) => {
    await sim.close();
    throw error;
  });
  return {
    sim,
    receiver,
    close: async () => {
      await receiver.stop();
      await sim.close();
    },
  };
}

export async function measureCapacity(plan: CapacityPlan, log: (line: string) => void): Promise<CapacityResult> {
  const series: CapacitySeries[] = [];
  const servers: CapacityResult['servers'] = [];
  const notes: string[] = [];
  let ours: Side | undefined;
  let netns: BenchNetns | undefined;
  let theirs: Side | undefined;
  try {
    for (const s of SERVERS) {
      log(`  ${s.label}: ${s.what}`);
      let side: Side;
      let server: ServerUnderTest;
      if (s.label === 'janus') {
        // Our side's simulator and receivers go first: only what is measured runs.
        await ours?.close();
        ours = undefined;
        try {
          netns = createBenchNetns();
        } catch (error) {
          notes.push(`janus not measured: no network namespace of the bench's own could be made (${error instanceof Error ? error.message.trim() : String(error)}); it needs root and ip(8)`);
          log(`  janus: ${notes.at(-1)}`);
          continue;
        }
        theirs = await startSide(plan.cameras, log, netns);
        side = theirs;
        server = await startJanusServer(side.receiver, side.sim);
      } else {
        ours ??= await startSide(plan.cameras, log);
        side = ours;
        server = await startOurs({ label: s.label, sim: side.sim, users: usersFor(plan), pool: s.pool ?? {} });
      }
      const { sim, receiver } = side;
      try {
        const seen = server.processes();
        servers.push({
          label: s.label,
          what: s.what,
          ...(s.pool ? { pool: s.pool as Record<string, number> } : {}),
          workersSeen: seen.filter((p) => p.name.startsWith('worker')).length,
          shardsSeen: seen.filter((p) => p.name.startsWith('shard')).length,
        });
        for (const scenario of Object.keys(SCENARIOS) as Scenario[]) {
          const steps = plan.steps[scenario].filter((n) => scenario === '1xN' || n <= sim.cameraIds.length);
          series.push(await ramp({ server, receiver, sim, scenario, steps, bisect: plan.bisect, windowMs: plan.windowMs, log }));
        }
      } finally {
        await server.close();
      }
    }
  } finally {
    await ours?.close();
    await theirs?.close();
    netns?.close();
  }
  return summarize(plan, servers, series, notes);
}

function summarize(plan: CapacityPlan, servers: CapacityResult['servers'], series: CapacitySeries[], notes: string[]): CapacityResult {
  const find = (server: ServerLabel, scenario: Scenario): CapacitySeries | undefined => series.find((s) => s.server === server && s.scenario === scenario);
  const scenarios = Object.keys(SCENARIOS) as Scenario[];
  const most = Object.fromEntries(
    SERVERS.map((s) => [s.label, Object.fromEntries(scenarios.map((sc) => [sc, find(s.label, sc)?.most ?? 0]))]),
  ) as CapacityResult['most'];
  const ratio = (a: number, b: number): number => (b > 0 ? round(a / b, 2) : Number.NaN);
  const byScenario = (f: (sc: Scenario) => number): Record<Scenario, number> => Object.fromEntries(scenarios.map((sc) => [sc, f(sc)])) as Record<Scenario, number>;
  const at = (server: ServerLabel, streams: number): number => {
    const p = find(server, '1xN')?.points.find((q) => q.streams === streams && q.verdict === 'pass');
    return p ? p.server.cpu : Number.NaN;
  };
  const single = servers.find((s) => s.label === 'single');
  const pool = servers.find((s) => s.label === 'pool');
  if (single && pool && single.workersSeen === pool.workersSeen && single.shardsSeen === pool.shardsSeen) {
    notes.push(
      `single and pool ran the same media plane (${pool.workersSeen} worker process(es), ${pool.shardsSeen} shard process(es)): ` +
        'this engine does not take mediaWorkers/ingestShards yet, so (a) vs (b) compares nothing.',
    );
  }
  notes.push(
    "Janus, its simulator and its receivers run in a network namespace of the bench's own (Janus never gathers ICE on loopback). " +
      'Ours pulls the cameras over RTSP/TCP (the default); Janus pulls over RTSP/UDP. Ours puts 4 viewers on one ' +
      "transport (a 2×2 page's worth); Janus has one PeerConnection per viewer (its streaming plugin's way). Receivers send no NACKs and " +
      'take no RTX, so loss is what arrived. CPU is the server processes only: the receiver and the simulator run on the same cores and are shown apart.',
  );
  const one = { single: at('single', 1), pool: at('pool', 1), janus: at('janus', 1) };
  const sixteen = { pool: at('pool', 16), janus: at('janus', 16) };
  return {
    plan,
    servers,
    series,
    most,
    ratios: {
      poolOverSingle: byScenario((sc) => ratio(most.pool[sc], most.single[sc])),
      poolOverJanus: byScenario((sc) => ratio(most.pool[sc], most.janus[sc])),
    },
    oneByOne: { ...one, poolOverJanus: ratio(one.pool, one.janus) },
    perViewerAt16: {
      pool: round(sixteen.pool / 16, 5),
      janus: round(sixteen.janus / 16, 5),
      poolOverJanus: ratio(sixteen.pool, sixteen.janus),
      poolMarginal: round((sixteen.pool - one.pool) / 15, 5),
      janusMarginal: round((sixteen.janus - one.janus) / 15, 5),
    },
    notes,
  };
}

const f = (v: number, d: number): string => (Number.isFinite(v) ? v.toFixed(d) : '—');

export function renderCapacity(r: CapacityResult): string[] {
  const out = ['capacity at real camera rates (main 1080p 4 Mbit/s, sub 360p 512 kbit/s, 25 fps), most streams a step held:'];
  for (const sc of Object.keys(SCENARIOS) as Scenario[]) {
    const cell = (label: ServerLabel): string => {
      const s = r.series.find((x) => x.server === label && x.scenario === sc);
      return `${label} ${s?.most ?? 0}${s && s.endedBy !== 'server' ? ` (${s.endedBy === 'steps' ? 'all steps held' : `${s.endedBy}-bound`})` : ''}`;
    };
    out.push(
      `   ${SCENARIOS[sc].padEnd(28)} ${cell('single')}, ${cell('pool')}, ${cell('janus')}; ` +
        `pool/single ${f(r.ratios.poolOverSingle[sc], 2)}×, pool/janus ${f(r.ratios.poolOverJanus[sc], 2)}×`,
    );
  }
  const o = r.oneByOne;
  out.push(`   1 camera × 1 viewer (main, 4 Mbit/s): single ${f(o.single, 4)}, pool ${f(o.pool, 4)}, janus ${f(o.janus, 4)} CPU-s/s → pool/janus ${f(o.poolOverJanus, 2)}×`);
  const v = r.perViewerAt16;
  out.push(
    `   forwarding per viewer stream at 16 viewers: pool ${f(v.pool, 5)}, janus ${f(v.janus, 5)} CPU-s/s → pool/janus ${f(v.poolOverJanus, 2)}× ` +
      `(marginal per added viewer: pool ${f(v.poolMarginal, 5)}, janus ${f(v.janusMarginal, 5)})`,
  );
  for (const s of r.servers) out.push(`   ${s.label}: ${s.what}; seen ${s.workersSeen} worker and ${s.shardsSeen} shard process(es)`);
  for (const n of r.notes) out.push(`   note: ${n}`);
  return out;
}
