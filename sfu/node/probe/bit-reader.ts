// The bit reader lives in common/ (the simulator reads its clips' SPS with it too); what only the
// probe needs stays here.
export { BitReader, MAX_PARAMETER_SET_BYTES, unescapeRbsp } from '../../../common/bit-reader.js';

/** Picture sizes a camera may plausibly send; anything else means we misread the SPS. */
export function plausibleSize(width: number, height: number): boolean {
  return Number.isInteger(width) && Number.isInteger(height) && width >= 16 && height >= 16 && width <= 16384 && height <= 16384;
}
