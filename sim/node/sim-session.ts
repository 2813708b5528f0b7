// One RTSP session: a client's view of one camera stream, with its own SSRC, sequence numbers and
// timestamp offset (RFC 3550 5.1: both start random), sent over TCP interleaved or UDP.
import { randomBytes } from 'node:crypto';
import type { Socket as TcpSocket } from 'node:net';
import { buildSenderReport } from './rtcp.js';
import { type RtpPayload, RTP_HEADER_SIZE, writeRtpHeader } from './rtp-packetizer.js';
import { PAYLOAD_TYPE } from './sdp.js';
import type { UdpPair } from './udp-pair.js';

export type StreamName = 'main' | 'sub';

export type SessionTransport =
  | { kind: 'tcp'; socket: TcpSocket; rtpChannel: number; rtcpChannel: number }
  | { kind: 'udp'; pair: UdpPair; address: string; rtpPort: number; rtcpPort: number };

/** Above this much unsent data a TCP session skips frames until the next keyframe, like a camera would. */
const TCP_BACKLOG_LIMIT = 2 * 1024 * 1024;

export class SimSession {
  readonly ssrc = randomBytes(4).readUInt32BE(0);
  readonly timestampOffset = randomBytes(4).readUInt32BE(0);
  sequence = randomBytes(2).readUInt16BE(0);
  state: 'ready' | 'playing' = 'ready';
  /** Set once the 'session' event has gone out, so 'teardown' pairs with it. */
  announced = false;
  lastSeen = Date.now();
  packetCount = 0;
  octetCount = 0;
  reportedOnce = false;
  private waitForKeyframe = false;

  constructor(
    readonly id: string,
    readonly cameraId: string,
    readonly stream: StreamName,
    public transport: SessionTransport,
    readonly remoteAddress: string,
  ) {}

  rtpTime(streamTimestamp: number): number {
    return (this.timestampOffset + streamTimestamp) >>> 0;
  }

  sendFrame(payloads: readonly RtpPayload[], streamTimestamp: number, keyframe: boolean): void {
    const t = this.transport;
    if (t.kind === 'tcp' && (t.socket.destroyed || t.socket.writableLength > TCP_BACKLOG_LIMIT)) {
      this.waitForKeyframe = true;
      return;
    }
    if (this.waitForKeyframe && !keyframe) return;
    this.waitForKeyframe = false;
    const timestamp = this.rtpTime(streamTimestamp);
    if (t.kind === 'tcp') this.sendTcp(t, payloads, timestamp);
    else this.sendUdp(t, payloads, timestamp);
  }

  private writeHeader(target: Buffer, offset: number, p: RtpPayload, timestamp: number): void {
    writeRtpHeader(target, offset, {
      payloadType: PAYLOAD_TYPE,
      sequenceNumber: this.sequence,
      timestamp,
      ssrc: this.ssrc,
      marker: p.marker,
    });
    this.sequence = (this.sequence + 1) & 0xffff;
    this.packetCount += 1;
    this.octetCount += p.payload.length;
  }

  // One write per frame: 4-byte interleave prefix (RFC 2326 10.12) + RTP header + payload per packet.
  private sendTcp(t: Extract<SessionTransport, { kind: 'tcp' }>, payloads: readonly RtpPayload[], timestamp: number): void {
    let size = 0;
    for (const p of payloads) size += 4 + RTP_HEADER_SIZE + p.payload.length;
    const out = Buffer.allocUnsafe(size);
    let at = 0;
    for (const p of payloads) {
      out[at] = 0x24;
      out[at + 1] = t.rtpChannel;
      out.writeUInt16BE(RTP_HEADER_SIZE + p.payload.length, at + 2);
      this.writeHeader(out, at + 4, p, timestamp);
      p.payload.copy(out, at + 4 + RTP_HEADER_SIZE);
      at += 4 + RTP_HEADER_SIZE + p.payload.length;
    }
    t.socket.write(out);
  }

  private sendUdp(t: Extract<SessionTransport, { kind: 'udp' }>, payloads: readonly RtpPayload[], timestamp: number): void {
    for (const p of payloads) {
      const header = Buffer.allocUnsafe(RTP_HEADER_SIZE);
      this.writeHeader(header, 0, p, timestamp);
      t.pair.rtp.send([header, p.payload], t.rtpPort, t.address);
    }
  }

  sendSenderReport(wallClockMs: number, streamTimestamp: number): void {
    const report = buildSenderReport({
      ssrc: this.ssrc,
      wallClockMs,
      rtpTimestamp: this.rtpTime(streamTimestamp),
      packetCount: this.packetCount,
      octetCount: this.octetCount,
      cname: `${this.cameraId}/${this.stream}@jharokha-sim`,
    });
    this.reportedOnce = true;
    const t = this.transport;
    if (t.kind === 'tcp') {
      if (t.socket.destroyed) return;
      const prefix = Buffer.from([0x24, t.rtcpChannel, report.length >> 8, report.length & 0xff]);
      t.socket.write(Buffer.concat([prefix, report]));
      return;
    }
    // rtcp-mux clients (client_port=a-a) get RTCP from the RTP socket, so one source port carries both.
    const socket = t.rtcpPort === t.rtpPort ? t.pair.rtp : t.pair.rtcp;
    socket.send(report, t.rtcpPort, t.address);
  }
}
