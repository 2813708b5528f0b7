// The installer's probe job as the page follows it, and how each result reads in the table.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProbeResult } from '../../../common/domain/camera-probe.js';
import { idleProbe, probePercent, reduceProbe, type ProbeAction, type ProbeJobState } from '../../../renderer/browser/setup/probe-job.js';
import { describeProbe } from '../../../renderer/browser/setup/probe-words.js';

const JOB = '7f1c9a52-3c4e-4d2a-9a57-2b1de0c0a001';
const OTHER = '7f1c9a52-3c4e-4d2a-9a57-2b1de0c0a002';

const ok = (cameraId: string, extra: Partial<ProbeResult> = {}): ProbeResult => ({
  cameraId,
  stream: 'main',
  status: 'ok',
  codec: 'H264',
  encodingName: 'H264',
  profile: 'Main 3.1',
  width: 1920,
  height: 1080,
  fps: 25.02,
  keyframeIntervalS: 2,
  keyframesSeen: 3,
  playable: true,
  warnings: [],
  elapsedMs: 4100,
  ...extra,
});

const run = (...actions: ProbeAction[]): ProbeJobState => actions.reduce(reduceProbe, idleProbe);
const progress = (jobId: string, done: number, result?: ProbeResult, finished = false): ProbeAction => ({
  type: 'progress',
  event: { jobId, done, total: 2, finished, ...(result ? { result } : {}) },
});

describe('probe job on the page', () => {
  it('follows its own job to the end, one row per camera', () => {
    const state = run({ type: 'start', total: 2 }, { type: 'started', jobId: JOB }, progress(JOB, 1, ok('cam-a')), progress(JOB, 2, ok('cam-b')), progress(JOB, 2, undefined, true));
    assert.equal(state.phase, 'finished');
    assert.deepEqual(state.results.map((r) => r.cameraId), ['cam-a', 'cam-b']);
    assert.equal(probePercent(state), 100);
  });

  it('takes a result that beats the answer to setup.probeCameras, and ignores another job', () => {
    const early = run({ type: 'start', total: 2 }, progress(JOB, 1, ok('cam-a')));
    assert.equal(early.jobId, JOB);
    const state = run({ type: 'start', total: 2 }, progress(JOB, 1, ok('cam-a')), { type: 'started', jobId: JOB }, progress(OTHER, 2, ok('cam-z')));
    assert.equal(state.phase, 'running');
    assert.deepEqual(state.results.map((r) => r.cameraId), ['cam-a']);
    assert.equal(probePercent(state), 50);
  });

  it('says why a job did not start, and when its progress stopped arriving', () => {
    assert.deepEqual(run({ type: 'start', total: 2 }, { type: 'failed', message: 'a probe job is already running (3 of 40 done)' }).problem, 'a probe job is already running (3 of 40 done)');
    const lost = run({ type: 'start', total: 2 }, { type: 'started', jobId: JOB }, progress(JOB, 1, ok('cam-a')), { type: 'connection-lost' });
    assert.equal(lost.phase, 'lost');
    assert.match(lost.problem ?? '', /after 1 of 2/);
    assert.equal(run({ type: 'connection-lost' }).phase, 'idle', 'nothing to lose when idle');
  });
});

describe('probe result words', () => {
  it('shows what was measured, a dash for what was not', () => {
    assert.deepEqual(describeProbe(ok('cam-a')), {
      codec: 'H264 Main 3.1',
      resolution: '1920×1080',
      fps: '25',
      keyframeInterval: '2.0 s',
      verdict: 'Plays on the consoles',
      ok: true,
      warnings: [],
    });
    const partial = describeProbe(ok('cam-b', { width: undefined, fps: 7.5, keyframeIntervalS: undefined, profile: undefined, warnings: ['no keyframe in 10 s'] }));
    assert.equal(partial.resolution, '—');
    assert.equal(partial.fps, '7.5');
    assert.equal(partial.keyframeInterval, '—');
    assert.deepEqual(partial.warnings, ['no keyframe in 10 s']);
  });

  it('says why H.265 will not play, and why a probe failed', () => {
    const hevc = describeProbe(ok('cam-c', { codec: 'H265', encodingName: 'H265', profile: 'Main', playable: false }));
    assert.equal(hevc.ok, false);
    assert.match(hevc.verdict, /H\.265: set the camera to H\.264/);
    const refused = describeProbe({ cameraId: 'cam-d', stream: 'sub', status: 'unauthorized', detail: 'the camera answered 401', keyframesSeen: 0, playable: false, warnings: [], elapsedMs: 200 });
    assert.equal(refused.verdict, 'Refused: wrong user name or password: the camera answered 401');
    assert.equal(refused.codec, '—');
  });
});
