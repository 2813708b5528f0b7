// Reading an H.264/H.265 parameter set bit by bit (ITU-T H.264 7.2, H.265 7.2), for the probe
// (input from cameras) and the camera simulator (its clips) alike. Every read is bounded and
// running off the end is a RangeError, never a wrong value. Plain bytes: no Node Buffer here.

/** Largest parameter set read; real SPSs are tens of bytes. */
export const MAX_PARAMETER_SET_BYTES = 4096;

export class BitReader {
  private bit = 0;
  private readonly bytes: Uint8Array;

  /** `rbsp` must already be unescaped (see unescapeRbsp). */
  constructor(rbsp: Uint8Array) {
    if (rbsp.length > MAX_PARAMETER_SET_BYTES) throw new RangeError('parameter set too large');
    this.bytes = rbsp;
  }

  u(n: number): number {
    if (n < 0 || n > 32) throw new RangeError('bad read width');
    let value = 0;
    for (let i = 0; i < n; i += 1) {
      const byte = this.bytes[this.bit >> 3];
      if (byte === undefined) throw new RangeError('parameter set ended early');
      value = value * 2 + ((byte >> (7 - (this.bit & 7))) & 1);
      this.bit += 1;
    }
    return value;
  }

  skip(n: number): void {
    for (let left = n; left > 0; left -= 32) this.u(Math.min(32, left));
  }

  /** Exp-Golomb unsigned (9.1); more than 31 leading zeros is a broken stream. */
  ue(): number {
    let zeros = 0;
    while (this.u(1) === 0) {
      zeros += 1;
      if (zeros > 31) throw new RangeError('bad Exp-Golomb code');
    }
    return 2 ** zeros - 1 + this.u(zeros);
  }

  se(): number {
    const k = this.ue();
    return k % 2 === 1 ? (k + 1) / 2 : -k / 2;
  }
}

/** The RBSP of a NAL unit's payload: emulation-prevention bytes (00 00 03) removed. */
export function unescapeRbsp(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.min(payload.length, MAX_PARAMETER_SET_BYTES + 1));
  let n = 0;
  let zeros = 0;
  for (const byte of payload) {
    if (n >= out.length) break;
    if (zeros >= 2 && byte === 3) {
      zeros = 0;
      continue;
    }
    zeros = byte === 0 ? zeros + 1 : 0;
    out[n++] = byte;
  }
  return out.subarray(0, n);
}
