import { useEffect, useReducer } from 'react';
import type { EngineLink } from '../engine-client.js';
import { reduceNotice, type MediaRestartNotice } from './media-restarts.js';

/** The media-restarted line from this socket's events, gone 30 s after the latest restart or when dismissed. */
export function useMediaRestarts(link: EngineLink): { notice: MediaRestartNotice | null; dismiss: () => void } {
  const [notice, dispatch] = useReducer(reduceNotice, null);
  useEffect(() => link.on('media.restarted', (restart) => dispatch({ type: 'restart', restart, now: Date.now() })), [link]);
  const until = notice?.until;
  useEffect(() => {
    if (until === undefined) return;
    const timer = setTimeout(() => dispatch({ type: 'expire', until }), Math.max(0, until - Date.now()));
    return () => clearTimeout(timer);
  }, [until]);
  return { notice, dismiss: () => dispatch({ type: 'dismiss' }) };
}
