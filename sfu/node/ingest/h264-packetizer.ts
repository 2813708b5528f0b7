// H.264 RTP payloads (RFC 6184): splitting oversized ones into FU-A and packing parameter sets.
// Cameras pulled over TCP often send whole NAL units far above any UDP-safe size; mediasoup and
// Chromium need packets that fit the path MTU.

export const NAL_IDR = 5;
export const NAL_SPS = 7;
export const NAL_PPS = 8;
export const STAP_A = 24;
export const FU_A = 28;

/** A NAL unit seen in a payload; `data` is absent for FU-A starts (only the header byte is known). */
export interface NalInfo {
  type: number;
  data?: Buffer;
}

/** The NAL units a payload starts or contains: single NAL, STAP-A aggregates, FU-A starts. */
export function nalUnitsOf(payload: Buffer): NalInfo[] {
  if (payload.length === 0) return [];
  const type = (payload[0] as number) & 0x1f;
  if (type >= 1 && type <= 23) return [{ type, data: payload }];
  if (type === STAP_A) return [...stapUnits(payload)].map((data) => ({ type: (data[0] as number) & 0x1f, data }));
  if (type === FU_A && payload.length >= 2 && (payload[1] as number) & 0x80) return [{ type: (payload[1] as number) & 0x1f }];
  return [];
}

/** The NAL units inside a STAP-A, stopping at the first length that overruns the packet. */
function* stapUnits(payload: Buffer): Generator<Buffer> {
  let offset = 1;
  while (offset + 2 <= payload.length) {
    const size = payload.readUInt16BE(offset);
    offset += 2;
    if (size === 0 || offset + size > payload.length) return;
    yield payload.subarray(offset, offset + size);
    offset += size;
  }
}

/**
 * Payloads no larger than maxPayload carrying the same NAL data. Payloads that fit come back
 * as they are; an empty list means the payload cannot be split (STAP-B, MTAP, FU-B) and is dropped.
 */
export function fitPayload(payload: Buffer, maxPayload: number): Buffer[] {
  if (payload.length <= maxPayload) return [payload];
  const type = (payload[0] as number) & 0x1f;
  if (type >= 1 && type <= 23) return fragmentNal(payload, maxPayload);
  if (type === FU_A && payload.length > 2) return refragment(payload, maxPayload);
  if (type === STAP_A) return [...stapUnits(payload)].flatMap((nal) => fitPayload(nal, maxPayload));
  return [];
}

/** FU-A fragments of one NAL unit (its header byte becomes the FU indicator and FU header). */
export function fragmentNal(nal: Buffer, maxPayload: number): Buffer[] {
  const header = nal[0] as number;
  return splitFu((header & 0xe0) | FU_A, header & 0x1f, nal.subarray(1), true, true, maxPayload);
}

/** An FU-A that is itself too large: split its data, keeping start/end bits on the outer pieces. */
function refragment(fu: Buffer, maxPayload: number): Buffer[] {
  const fuHeader = fu[1] as number;
  return splitFu(fu[0] as number, fuHeader & 0x1f, fu.subarray(2), (fuHeader & 0x80) !== 0, (fuHeader & 0x40) !== 0, maxPayload);
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

/** profile-level-id (6 hex digits) from an SPS NAL unit: profile_idc, constraint flags, level_idc. */
export function profileLevelIdOf(sps: Buffer): string | undefined {
  if (sps.length < 4 || ((sps[0] as number) & 0x1f) !== NAL_SPS) return undefined;
  return sps.subarray(1, 4).toString('hex');
}
