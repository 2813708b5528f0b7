// mediasoup reads MEDIASOUP_WORKER_BIN when its module is first loaded, so the variable is set
// here, before the one dynamic import through which the whole project reaches mediasoup.
import fs from 'node:fs';
import { JharokhaError } from '../../common/errors.js';
import { mediasoupWorkerPath } from '../../native/mediasoup-worker.mjs';

type Mediasoup = typeof import('mediasoup');
let loading: Promise<Mediasoup> | undefined;

export function loadMediasoup(): Promise<Mediasoup> {
  if (!loading) {
    const bin = mediasoupWorkerPath();
    if (!fs.existsSync(bin)) {
      throw new JharokhaError('Internal', `mediasoup worker not found at ${bin}: run the install (see README)`);
    }
    process.env.MEDIASOUP_WORKER_BIN = bin;
    loading = import('mediasoup').then((m) => ((m as { default?: Mediasoup }).default ?? m) as Mediasoup);
  }
  return loading;
}
