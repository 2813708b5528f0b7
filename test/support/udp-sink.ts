// A UDP socket recording what reaches it, as a PlainTransport would receive it: the tests of the
// ingest shards send their feeds and fast starts here.
import dgram from 'node:dgram';
import { startsKeyframe } from '../../sfu/node/codec/h264-nal.js';

const SINK_BUFFER_BYTES = 4 * 1024 * 1024;

export interface Arrival {
  at: number;
  seq: number;
  ts: number;
  ssrc: number;
  fromPort: number;
  keyframe: boolean;
  bytes: number;
  packet: Buffer;
}

export class UdpSink {
  readonly arrivals: Arrival[] = [];
  private constructor(private readonly socket: dgram.Socket) {
    socket.on('message', (packet, from) =>
      this.arrivals.push({
        at: performance.now(),
        seq: packet.readUInt16BE(2),
        ts: packet.readUInt32BE(4),
        ssrc: packet.readUInt32BE(8),
        fromPort: from.port,
        keyframe: startsKeyframe(packet),
        bytes: packet.length,
        packet,
      }),
    );
  }

  static async open(): Promise<UdpSink> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    // A test process on a loaded machine may not read for many milliseconds, and the default
    // buffer (about 200 kB, some 90 full-size packets on loopback) would drop a GOP's burst that a
    // mediasoup worker keeps up with: the tests with a real worker check its own losses.
    socket.setRecvBufferSize(SINK_BUFFER_BYTES);
    return new UdpSink(socket);
  }

  get target(): { ip: string; port: number } {
    return { ip: '127.0.0.1', port: this.socket.address().port };
  }

  /** The longest silence between packets that arrived after `from` (performance.now()). */
  longestGapSince(from: number): number {
    const times = this.arrivals.filter((a) => a.at >= from).map((a) => a.at);
    let longest = 0;
    for (let i = 1; i < times.length; i++) longest = Math.max(longest, times[i]! - times[i - 1]!);
    return Math.max(longest, performance.now() - (times.at(-1) ?? from));
  }

  close(): void {
    this.socket.close();
  }
}
