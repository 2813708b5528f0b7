// A WebRtcTransport connected at most once, but asked as often as the client likes. A browser whose
// connect request timed out on its side (a starved page) asks again with the same DTLS parameters;
// mediasoup refuses a second connect() outright, which would leave that transport dead for good.
// The same parameters get the first attempt's outcome; different ones are refused.
import type { types } from 'mediasoup';
import { JharokhaError } from '../../common/errors.js';

const attempts = new WeakMap<types.Transport, { key: string; done: Promise<void> }>();

const keyOf = (dtls: types.DtlsParameters): string => JSON.stringify([dtls.role ?? 'auto', dtls.fingerprints]);

export function connectOnce(transport: types.Transport, dtlsParameters: types.DtlsParameters): Promise<void> {
  const key = keyOf(dtlsParameters);
  const earlier = attempts.get(transport);
  if (earlier) {
    if (earlier.key !== key) return Promise.reject(new JharokhaError('InvalidState', 'this transport is already connected with other DTLS parameters'));
    return earlier.done;
  }
  const done = transport.connect({ dtlsParameters });
  attempts.set(transport, { key, done });
  // A failed first attempt may be tried again.
  done.catch(() => attempts.delete(transport));
  return done;
}
