// H.264 RTP payloads (RFC 6184): splitting oversized ones into FU-A and packing parameter sets.
// Cameras pulled over TCP often send whole NAL units far above any UDP-safe size; mediasoup and
// Chromium need packets that fit the path MTU.
import { H264_NAL, h264NalType, isH264SingleNal, stapUnits } from '../codec/h264-nal.js';

const { STAP_A, FU_A } = H264_NAL;

/**
 * Payloads no larger than maxPayload carrying the same NAL data. Payloads that fit come back
 * as they are; an empty list means the payload cannot be split (STAP-B, MTAP, FU-B) and is dropped.
 */
export function fitPayload(payload: Buffer, maxPayload: number): Buffer[] {
  if (payload.length <= maxPayload) return [payload];
  const type = h264NalType(payload[0] as number);
  if (isH264SingleNal(type)) return fragmentNal(payload, maxPayload);
  if (type === FU_A && payload.length > 2) return refragment(payload, maxPayload);
  if (type === STAP_A) return [...stapUnits(payload)].flatMap((nal) => fitPayload(nal, maxPayload));
  return [];
}

/** FU-A fragments of one NAL unit (its header byte becomes the FU indicator and FU header). */
export function fragmentNal(nal: Buffer, maxPayload: number): Buffer[] {
  const header = nal[0] as number;
  return splitFu((header & 0xe0) | FU_A, h264NalType(header), nal.subarray(1), true, true, maxPayload);
}

/** An FU-A that is itself too large: split its data, keeping start/end bits on the outer pieces. */
function refragment(fu: Buffer, maxPayload: number): Buffer[] {
  const fuHeader = fu[1] as number;
  return splitFu(fu[0] as number, h264NalType(fuHeader), fu.subarray(2), (fuHeader & 0x80) !== 0, (fuHeader & 0x40) !== 0, maxPayload);
}

function splitFu(indicator: number, type: number, data: Buffer, start: boolean, end: boolean, maxPayload: number): Buffer[] {
  const chunk = maxPayload - 2;
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < data.length || pieces.length === 0; offset += chunk) {
    const part = data.subarray(offset, offset + chunk);
    const first = offset === 0;
    const last = offset + chunk >= data.length;
    const fuHeader = (first && start ? 0x80 : 0) | (last && end ? 0x40 : 0) | type;
    pieces.push(Buffer.concat([Buffer.from([indicator, fuHeader]), part]));
  }
  return pieces;
}

/** Parameter sets as one STAP-A when they fit, otherwise one payload (or FU-A run) each. */
export function parameterSetPayloads(sets: Buffer[], maxPayload: number): Buffer[] {
  if (sets.length === 0) return [];
  const stapSize = 1 + sets.reduce((sum, set) => sum + 2 + set.length, 0);
  if (sets.length > 1 && stapSize <= maxPayload) {
    // NRI of the aggregate is the highest of its units (RFC 6184 §5.7.1).
    const nri = Math.max(...sets.map((set) => (set[0] as number) & 0x60));
    const parts: Buffer[] = [Buffer.from([nri | STAP_A])];
    for (const set of sets) {
      const size = Buffer.alloc(2);
      size.writeUInt16BE(set.length);
      parts.push(size, set);
    }
    return [Buffer.concat(parts)];
  }
  return sets.flatMap((set) => fitPayload(set, maxPayload));
}
