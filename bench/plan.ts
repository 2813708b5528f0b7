// What a run measures: the full plan (6–7 minutes on 2 cores) or --quick (~1 minute).
export interface BenchPlan {
  quick: boolean;
  oneCameraViewers: number[];
  camerasOneViewer: number[];
  cpuWindow: { warmupMs: number; windowMs: number };
  firstFrameTrials: number;
  /** Preset recalls timed on the 4-display wall (alternating two presets). */
  presetRecalls: number;
  janusViewers: number[];
  /** Our engine again at the Janus steps, pulling over RTSP/UDP as Janus does (empty: skipped). */
  udpViewers: number[];
  /** Press-to-ring: consoles listening, presses made one after another. */
  pressToRing: { consoles: number; presses: number };
  /** Simultaneous two-way calls tried, in order (stops at the first step that does not hold). */
  calls: number[];
  /** The 5,000-camera city: engine starts timed, searches made, cameras pulled live for memory. */
  city: { startRuns: number; searches: number; liveCameras: number };
}

export function planFor(argv: string[]): BenchPlan {
  const quick = argv.includes('--quick');
  if (quick) {
    return {
      quick,
      oneCameraViewers: [1, 4],
      camerasOneViewer: [4],
      cpuWindow: { warmupMs: 1000, windowMs: 4000 },
      firstFrameTrials: 2,
      presetRecalls: 4,
      janusViewers: [1, 4],
      udpViewers: [],
      pressToRing: { consoles: 20, presses: 10 },
      calls: [2],
      city: { startRuns: 2, searches: 100, liveCameras: 16 },
    };
  }
  return {
    quick,
    oneCameraViewers: [1, 4, 8, 16],
    camerasOneViewer: [1, 4, 8, 16],
    cpuWindow: { warmupMs: 3000, windowMs: 10_000 },
    firstFrameTrials: 10,
    presetRecalls: 10,
    janusViewers: [1, 4, 8, 16],
    udpViewers: [1, 4, 8, 16],
    pressToRing: { consoles: 20, presses: 50 },
    calls: [2, 4, 8, 10],
    city: { startRuns: 5, searches: 600, liveCameras: 64 },
  };
}
