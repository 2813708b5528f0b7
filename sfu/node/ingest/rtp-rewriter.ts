// Rewrites a camera's RTP into one stream that outlives reconnects, so the mediasoup producer
// (and every viewer's consumer) survives a camera dropping: a fixed SSRC and payload type,
// sequence numbers that continue across sessions, timestamps that keep moving forward.
// Output packets carry a bare 12-byte header: camera header extensions use ids nobody
// negotiated with mediasoup (which would misread them), and CSRCs and padding mean nothing here.
import { readRtp, writeRtp } from '../rtsp/rtp-packet.js';
import { fitPayload } from './h264-packetizer.js';
import { ParameterSetInjector } from './parameter-sets.js';

export interface RewriterOptions {
  ssrc: number;
  payloadType: number;
  maxPayload: number;
  /** What an earlier rewriter for the same producer sent last: its numbering continues from there. */
  continueFrom?: { seq: number; ts: number; atMs: number };
}

export interface SessionInfo {
  payloadType: number;
  clockRate: number;
  sps: Buffer[];
  pps: Buffer[];
}

export interface RewriterStats {
  packetsIn: number;
  packetsOut: number;
  dropped: number;
  fragmented: number;
  parameterSetsInserted: number;
}

export class RtpRewriter {
  private session: SessionInfo | undefined;
  private anchored = false;
  private sourceSsrc = 0;
  private highestInSeq = 0;
  private seqOffset = 0;
  private tsOffset = 0;
  /** What we last sent, for continuing after a reconnect. */
  private last: { seq: number; ts: number; atMs: number } | undefined;
  private readonly injector: ParameterSetInjector;
  private readonly counters = { packetsIn: 0, packetsOut: 0, dropped: 0, fragmented: 0 };

  constructor(private readonly options: RewriterOptions) {
    this.injector = new ParameterSetInjector(options.maxPayload);
    this.last = options.continueFrom;
  }

  get stats(): RewriterStats {
    return { ...this.counters, parameterSetsInserted: this.injector.injected };
  }

  get profileLevelId(): string | undefined {
    return this.injector.profileLevelId;
  }

  beginSession(session: SessionInfo): void {
    this.session = session;
    this.anchored = false;
    this.injector.beginSession(session.sps, session.pps);
  }

  /** One camera packet in, zero or more output packets (parameter sets, FU-A fragments). */
  push(packet: Buffer, nowMs: number): Buffer[] {
    this.counters.packetsIn++;
    const session = this.session;
    const view = readRtp(packet);
    if (!session || !view || view.payloadType !== session.payloadType || view.payload.length === 0) {
      this.counters.dropped++;
      return [];
    }
    if (!this.anchored || view.ssrc !== this.sourceSsrc) {
      // A new session, or the camera restarted its encoder mid-session: continue from what we sent.
      this.anchor(view.sequenceNumber, view.timestamp, view.ssrc, session.clockRate, nowMs);
    } else {
      const delta = (view.sequenceNumber - this.highestInSeq) & 0xffff;
      // Late or duplicate: its number may already be taken by a fragment or an inserted packet.
      if (delta === 0 || delta >= 0x8000) {
        this.counters.dropped++;
        return [];
      }
      this.highestInSeq = view.sequenceNumber;
    }
    const timestamp = (view.timestamp + this.tsOffset) >>> 0;
    const inserted = this.injector.inspect(view.payload, view.timestamp);
    const pieces = fitPayload(view.payload, this.options.maxPayload);
    if (pieces.length === 0) {
      this.counters.dropped++;
      return [];
    }
    if (pieces.length > 1) this.counters.fragmented++;
    const payloads = [...inserted, ...pieces];
    const firstSeq = (view.sequenceNumber + this.seqOffset) & 0xffff;
    const out = payloads.map((payload, i) =>
      writeRtp(
        {
          marker: view.marker && i === payloads.length - 1,
          payloadType: this.options.payloadType,
          sequenceNumber: firstSeq + i,
          timestamp,
          ssrc: this.options.ssrc,
        },
        payload,
      ),
    );
    this.seqOffset = (this.seqOffset + payloads.length - 1) & 0xffff;
    this.last = { seq: (firstSeq + payloads.length - 1) & 0xffff, ts: timestamp, atMs: nowMs };
    this.counters.packetsOut += out.length;
    return out;
  }

  private anchor(inSeq: number, inTs: number, ssrc: number, clockRate: number, nowMs: number): void {
    this.anchored = true;
    this.sourceSsrc = ssrc;
    this.highestInSeq = inSeq;
    if (!this.last) {
      this.seqOffset = 0;
      this.tsOffset = 0;
      return;
    }
    const elapsedTicks = Math.max(1, Math.round(((nowMs - this.last.atMs) * clockRate) / 1000));
    this.seqOffset = (this.last.seq + 1 - inSeq) & 0xffff;
    this.tsOffset = (this.last.ts + elapsedTicks - inTs) >>> 0;
  }
}
