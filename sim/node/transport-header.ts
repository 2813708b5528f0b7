// The RTSP Transport header (RFC 2326 12.39): the first alternative we can serve, unicast only.
export type TransportRequest =
  | { kind: 'tcp'; interleaved?: [number, number] }
  | { kind: 'udp'; clientPorts: [number, number] };

function portPair(value: string | undefined, max: number): [number, number] | undefined {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(value ?? '');
  if (!m) return undefined;
  const a = Number(m[1]);
  // A single port means RTCP goes to the next one up (RFC 2326 12.39).
  const b = m[2] === undefined ? a + 1 : Number(m[2]);
  return a <= max && b <= max ? [a, b] : undefined;
}

export function parseTransport(header: string | undefined): TransportRequest | undefined {
  for (const spec of (header ?? '').split(',')) {
    const [profile = '', ...params] = spec.trim().split(';');
    const values = new Map(
      params.map((p) => {
        const eq = p.indexOf('=');
        return eq < 0 ? [p.trim().toLowerCase(), ''] : [p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim()];
      }),
    );
    if (values.has('multicast') || /record/i.test(values.get('mode') ?? '')) continue;
    const upper = profile.toUpperCase();
    if (upper === 'RTP/AVP/TCP') {
      if (!values.has('interleaved')) return { kind: 'tcp' };
      const pair = portPair(values.get('interleaved'), 255);
      if (pair) return { kind: 'tcp', interleaved: pair };
    } else if (upper === 'RTP/AVP' || upper === 'RTP/AVP/UDP') {
      const pair = portPair(values.get('client_port'), 65535);
      if (pair && pair[0] > 0) return { kind: 'udp', clientPorts: pair };
    }
  }
  return undefined;
}
