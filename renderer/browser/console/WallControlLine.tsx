// Who may change the wall now, and the take / release buttons. A lease lapses by itself (the
// engine's default is a minute), so while this operator holds it the console renews it halfway
// through; closing the console lets it lapse instead of locking the wall.
import { useEffect, useState } from 'react';
import type { WallControl } from '../../../common/domain/wall.js';
import type { EngineLink } from '../engine-client.js';
import { controlFor } from './wall-picture.js';

export interface WallControlLineProps {
  link: EngineLink;
  connected: boolean;
  control: WallControl;
  /** The logged-in operator; undefined on a console nobody has logged in to. */
  username: string | undefined;
}

const MIN_RENEW_MS = 5_000;
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const clock = (at: number): string => new Date(at).toLocaleTimeString();

export function WallControlLine({ link, connected, control, username }: WallControlLineProps) {
  const [problem, setProblem] = useState('');
  const shown = controlFor(control, username);
  const wallId = control.wallId;

  const renewAt = shown.kind === 'mine' ? shown.expiresAt : null;
  useEffect(() => {
    if (renewAt === null || !connected) return;
    // Half the time left by this machine's clock; never sooner than MIN_RENEW_MS if the clocks disagree.
    const timer = setTimeout(
      () => link.request('wall.takeControl', { wallId }).catch((error: unknown) => setProblem(`Control not renewed: ${messageOf(error)}`)),
      Math.max(MIN_RENEW_MS, (renewAt - Date.now()) / 2),
    );
    return () => clearTimeout(timer);
  }, [link, connected, wallId, renewAt]);

  const act = (method: 'wall.takeControl' | 'wall.releaseControl'): void => {
    setProblem('');
    link.request(method, { wallId }).catch((error: unknown) => setProblem(messageOf(error)));
  };

  return (
    <div className="wall-control" data-testid="wall-control" data-holder={control.holder ?? ''} role="status">
      <span>
        {shown.kind === 'free'
          ? 'Nobody controls this wall: any operator may change it.'
          : shown.kind === 'mine'
            ? `You control this wall (kept while this console is open; lapses at ${clock(shown.expiresAt)} otherwise).`
            : `${shown.who} controls this wall until ${clock(shown.expiresAt)}: your changes are refused until then.`}
      </span>
      {shown.kind === 'mine' ? (
        <button type="button" data-testid="wall-release-control" disabled={!connected} onClick={() => act('wall.releaseControl')}>
          Release control
        </button>
      ) : (
        <button
          type="button"
          data-testid="wall-take-control"
          disabled={!connected || !username || shown.kind === 'other'}
          title={username ? undefined : 'Log in to take control of a wall'}
          onClick={() => act('wall.takeControl')}
        >
          Take control
        </button>
      )}
      {problem ? <span className="wall-problem">{problem}</span> : null}
    </div>
  );
}
