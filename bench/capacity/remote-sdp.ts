// The SDP a receiver needs for a mediasoup receive transport, built the way mediasoup-client
// builds its remote offer: mediasoup is ICE-lite, gives its ICE and DTLS parameters with the
// transport and each consumer's RTP parameters with the watch, and never reads an SDP itself.
// Only loopback UDP candidates are kept: the bench talks to this machine alone.

export interface TransportParams {
  id: string;
  iceParameters: { usernameFragment: string; password: string };
  iceCandidates: { foundation: string; priority: number; ip?: string; address?: string; protocol: string; port: number; type: string }[];
  dtlsParameters: { fingerprints: { algorithm: string; value: string }[] };
}

interface Codec {
  mimeType: string;
  payloadType: number;
  clockRate: number;
  parameters?: Record<string, string | number>;
  rtcpFeedback?: { type: string; parameter?: string }[];
}

export interface ConsumerParams {
  rtpParameters: {
    mid?: string;
    codecs: Codec[];
    headerExtensions?: { uri: string; id: number }[];
    encodings?: { ssrc?: number }[];
    rtcp?: { cname?: string };
  };
}

const LOOPBACK = /^127\./;

const feedbackLine = (pt: number, f: { type: string; parameter?: string }): string => `a=rtcp-fb:${pt} ${f.type}${f.parameter ? ` ${f.parameter}` : ''}`;

function mediaSection(transport: TransportParams, consumer: ConsumerParams, index: number): string[] {
  const rtp = consumer.rtpParameters;
  const mid = rtp.mid ?? String(index);
  const codecs = rtp.codecs.filter((c) => !/\/rtx$/i.test(c.mimeType));
  const ssrc = rtp.encodings?.[0]?.ssrc;
  const candidates = transport.iceCandidates.filter((c) => c.protocol === 'udp' && LOOPBACK.test(c.ip ?? c.address ?? ''));
  return [
    `m=video 7 UDP/TLS/RTP/SAVPF ${codecs.map((c) => c.payloadType).join(' ')}`,
    'c=IN IP4 127.0.0.1',
    `a=mid:${mid}`,
    'a=sendonly',
    `a=ice-ufrag:${transport.iceParameters.usernameFragment}`,
    `a=ice-pwd:${transport.iceParameters.password}`,
    ...candidates.map((c) => `a=candidate:${c.foundation} 1 udp ${c.priority} ${c.ip ?? c.address} ${c.port} typ ${c.type}`),
    'a=end-of-candidates',
    'a=setup:actpass',
    'a=rtcp-mux',
    'a=rtcp-rsize',
    ...codecs.flatMap((c) => [
      `a=rtpmap:${c.payloadType} ${c.mimeType.split('/')[1]}/${c.clockRate}`,
      ...(c.parameters && Object.keys(c.parameters).length > 0
        ? [`a=fmtp:${c.payloadType} ${Object.entries(c.parameters).map(([k, v]) => `${k}=${v}`).join(';')}`]
        : []),
      ...(c.rtcpFeedback ?? []).filter((f) => f.type !== 'nack').map((f) => feedbackLine(c.payloadType, f)),
    ]),
    ...(rtp.headerExtensions ?? []).map((e) => `a=extmap:${e.id} ${e.uri}`),
    ...(ssrc === undefined ? [] : [`a=ssrc:${ssrc} cname:${rtp.rtcp?.cname ?? 'camera'}`, `a=ssrc:${ssrc} msid:camera-${mid} video-${mid}`]),
  ];
}

/** One offer for a transport and all its consumers (one BUNDLE group, one m-section each). */
export function mediasoupOffer(transport: TransportParams, consumers: ConsumerParams[]): string {
  const fingerprint = transport.dtlsParameters.fingerprints.find((f) => f.algorithm === 'sha-256') ?? transport.dtlsParameters.fingerprints[0]!;
  const mids = consumers.map((c, i) => c.rtpParameters.mid ?? String(i));
  return `${[
    'v=0',
    `o=mediasoup ${Date.now()} 1 IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    'a=ice-lite',
    `a=fingerprint:${fingerprint.algorithm} ${fingerprint.value.toUpperCase()}`,
    'a=msid-semantic: WMS *',
    `a=group:BUNDLE ${mids.join(' ')}`,
    ...consumers.flatMap((c, i) => mediaSection(transport, c, i)),
  ].join('\r\n')}\r\n`;
}

/**
 * The receivers count loss as the network delivered it: a NACK answered by a retransmission would
 * hide a saturated sender. Janus's offers lose their `nack` lines here, mediasoup's in mediasoupOffer.
 */
export function stripRepairFeedback(sdp: string): string {
  return sdp
    .split(/\r?\n/)
    .filter((line) => !/^a=rtcp-fb:\d+ nack$/.test(line))
    .join('\r\n');
}

/** Keeps the candidates of an SDP whose address passes `keep` (the bench talks to its own addresses only). */
export function keepCandidates(sdp: string, keep: (ip: string) => boolean): string {
  return sdp
    .split(/\r?\n/)
    .filter((line) => !line.startsWith('a=candidate:') || keep(line.split(' ')[4] ?? ''))
    .join('\r\n');
}

/** mediasoup's DTLS parameters for the receiver, from its local answer (it plays the DTLS client). */
export function dtlsFromAnswer(sdp: string): { role: 'client' | 'server'; fingerprints: { algorithm: string; value: string }[] } {
  const fingerprints = [...sdp.matchAll(/^a=fingerprint:(\S+) (\S+)/gm)].map((m) => ({ algorithm: m[1]!.toLowerCase(), value: m[2]! }));
  if (fingerprints.length === 0) throw new Error('the answer has no DTLS fingerprint');
  const setup = /^a=setup:(\S+)/m.exec(sdp)?.[1];
  return { role: setup === 'passive' ? 'server' : 'client', fingerprints: [fingerprints[0]!] };
}
