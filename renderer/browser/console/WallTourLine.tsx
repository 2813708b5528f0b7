// The wall's tour: what is running (for every console, whoever started it) with a stop button,
// or how to start one: all of the wall's presets in turn, or the operator's grid's cameras in turn
// on the chosen display. The engine refuses a dwell under 3 s; the form says so before sending.
import { useState } from 'react';
import { TourDwellS, type WallTour } from '../../../common/domain/wall.js';
import type { EngineLink } from '../engine-client.js';
import { describeTour } from './wall-picture.js';

export interface WallTourLineProps {
  link: EngineLink;
  connected: boolean;
  wallId: string;
  tour: WallTour | null;
  presetNames: readonly string[];
  /** The cameras of the operator's grid, in tile order, and the display a camera tour would use. */
  gridCameras: readonly string[];
  displayId: string | undefined;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function WallTourLine({ link, connected, wallId, tour, presetNames, gridCameras, displayId }: WallTourLineProps) {
  const [dwell, setDwell] = useState('10');
  const [problem, setProblem] = useState('');
  const dwellS = TourDwellS.safeParse(Number(dwell));

  const send = (request: Promise<unknown>): void => {
    setProblem('');
    request.catch((error: unknown) => setProblem(messageOf(error)));
  };
  const start = (what: { presetNames: string[] } | { cameraIds: string[]; displayId: string }): void => {
    if (dwellS.success) send(link.request('wall.startTour', { wallId, dwellS: dwellS.data, ...what }));
  };

  if (tour) {
    return (
      <div className="wall-tour" data-testid="wall-tour" data-running="true" data-step={tour.step} role="status">
        <span>Touring {describeTour(tour)}.</span>
        <button type="button" data-testid="wall-tour-stop" disabled={!connected} onClick={() => send(link.request('wall.stopTour', { wallId }))}>
          Stop tour
        </button>
        {problem ? <span className="wall-problem">{problem}</span> : null}
      </div>
    );
  }
  return (
    <div className="wall-tour" data-testid="wall-tour" data-running="false">
      <label>
        Tour, seconds per step
        <input data-testid="wall-tour-dwell" type="number" min={3} max={3600} value={dwell} onChange={(e) => setDwell(e.target.value)} />
      </label>
      <button
        type="button"
        data-testid="wall-tour-presets"
        disabled={!connected || !dwellS.success || presetNames.length === 0}
        onClick={() => start({ presetNames: [...presetNames] })}
      >
        Tour all {presetNames.length} presets
      </button>
      <button
        type="button"
        data-testid="wall-tour-cameras"
        disabled={!connected || !dwellS.success || gridCameras.length === 0 || !displayId}
        onClick={() => displayId && start({ cameraIds: [...gridCameras], displayId })}
      >
        Tour my grid's {gridCameras.length} cameras on display {displayId ?? '—'}
      </button>
      {!dwellS.success ? <span className="wall-problem">{dwellS.error.issues[0]?.message ?? 'not a number of seconds'}</span> : null}
      {problem ? <span className="wall-problem">{problem}</span> : null}
    </div>
  );
}
