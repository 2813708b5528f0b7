import { useEffect, useState } from 'react';
import type { AlertKind } from '../../../common/domain/alert.js';
import { RingSound } from './ring-sound.js';

/** Rings while `kind` is non-null; any click or key on the page unlocks blocked audio. */
export function useRingSound(kind: AlertKind | null): void {
  const [sound] = useState(() => new RingSound());
  useEffect(() => {
    const unlock = (): void => sound.unlock();
    document.addEventListener('pointerdown', unlock, true);
    document.addEventListener('keydown', unlock, true);
    return () => {
      document.removeEventListener('pointerdown', unlock, true);
      document.removeEventListener('keydown', unlock, true);
      sound.close();
    };
  }, [sound]);
  useEffect(() => sound.ring(kind), [sound, kind]);
}
