// One probe job as the installer's page follows it: started by setup.probeCameras, then one
// setup.probeProgress event per camera and a last one with finished: true. Events of another job
// (an earlier one cut short by a reconnect) are ignored.
import type { ProbeResult } from '../../../common/domain/camera-probe.js';
import type { EventData } from '../../../common/protocol/events.js';

export interface ProbeJobState {
  phase: 'idle' | 'starting' | 'running' | 'finished' | 'failed' | 'lost';
  jobId: string | null;
  done: number;
  total: number;
  /** In the order they came in, one per camera (a repeat for a camera replaces it). */
  results: ProbeResult[];
  /** Why the job could not start, or why its progress stopped arriving. */
  problem: string | null;
}

export const idleProbe: ProbeJobState = { phase: 'idle', jobId: null, done: 0, total: 0, results: [], problem: null };

export type ProbeAction =
  | { type: 'start'; total: number }
  | { type: 'started'; jobId: string }
  | { type: 'progress'; event: EventData<'setup.probeProgress'> }
  | { type: 'failed'; message: string }
  | { type: 'connection-lost' };

export function reduceProbe(state: ProbeJobState, action: ProbeAction): ProbeJobState {
  switch (action.type) {
    case 'start':
      return { ...idleProbe, phase: 'starting', total: action.total };
    case 'started':
      if (state.phase !== 'starting' && !(state.phase === 'running' && state.jobId === action.jobId)) return state;
      return { ...state, phase: state.phase === 'starting' ? 'running' : state.phase, jobId: action.jobId };
    case 'progress': {
      const { event } = action;
      // The first event may beat the answer to setup.probeCameras: only this page's job reports here.
      const ours = state.jobId === event.jobId || (state.phase === 'starting' && state.jobId === null);
      if (!ours || (state.phase !== 'starting' && state.phase !== 'running')) return state;
      const results = event.result ? [...state.results.filter((r) => r.cameraId !== event.result!.cameraId), event.result] : state.results;
      return { ...state, phase: event.finished ? 'finished' : 'running', jobId: event.jobId, done: event.done, total: event.total, results };
    }
    case 'failed':
      return state.phase === 'starting' ? { ...state, phase: 'failed', problem: action.message } : state;
    case 'connection-lost':
      if (state.phase !== 'starting' && state.phase !== 'running') return state;
      return {
        ...state,
        phase: 'lost',
        problem: `The connection to the engine dropped after ${state.done} of ${state.total}: the job goes on in the engine, but its results no longer reach this page. Start again once it has finished.`,
      };
  }
}

/** Whole percent done, for the progress bar's words. */
export function probePercent(state: Pick<ProbeJobState, 'done' | 'total'>): number {
  return state.total === 0 ? 0 : Math.floor((100 * state.done) / state.total);
}
