// Finding ONVIF devices on the local network (WS-Discovery 2005/04, ONVIF Core §7.3): a Probe for
// NetworkVideoTransmitter goes to the multicast group from each LAN interface (TTL 1: it never
// leaves the segment), and to any unicast targets given; ProbeMatch replies that relate to our
// probe are collected until the timeout. Written here rather than taken from the `onvif` package,
// whose discovery can neither probe a unicast address nor survive a malformed reply.
import { randomUUID } from 'node:crypto';
import dgram from 'node:dgram';
import net from 'node:net';
import os from 'node:os';
import type { OnvifDevice } from '../../../../common/domain/onvif.js';
import { JharokhaError } from '../../../../common/errors.js';
import { createLogger } from '../../../../common/logger.js';
import { xmlBlocks, xmlEscape, xmlText } from '../../../../common/xml-text.js';
import { deviceText } from './onvif-error.js';

const log = createLogger('ws-discovery');

export const WS_DISCOVERY_PORT = 3702;
export const WS_DISCOVERY_GROUP = '239.255.255.250';
const MAX_DEVICES = 1000;
const MAX_XADDRS = 8;
/** UDP loses packets: the probe goes out twice, as WS-Discovery's repeat rule suggests. */
const REPEAT_AFTER_MS = 250;

export interface DiscoveryOptions {
  timeoutMs: number;
  /** IPv4 addresses of the interfaces to probe from; default every non-internal IPv4 interface. */
  interfaces?: string[];
  /** The multicast group and port to probe (default 239.255.255.250:3702); false for unicast only. */
  multicast?: { address: string; port: number } | false;
  /** Devices to probe directly, for networks where multicast is filtered. */
  targets?: { host: string; port?: number }[];
  signal?: AbortSignal;
}

export async function discoverOnvif(options: DiscoveryOptions): Promise<OnvifDevice[]> {
  const timeoutMs = Math.max(100, Math.min(options.timeoutMs, 30_000));
  const multicast = options.multicast === false ? undefined : (options.multicast ?? { address: WS_DISCOVERY_GROUP, port: WS_DISCOVERY_PORT });
  const targets = (options.targets ?? []).map((t) => ({ host: t.host, port: t.port ?? WS_DISCOVERY_PORT }));
  for (const target of targets) {
    if (!net.isIPv4(target.host)) throw new JharokhaError('BadRequest', 'discovery targets are IPv4 addresses');
  }
  const interfaces = multicast ? (options.interfaces ?? lanInterfaces()) : [];
  const messageId = `urn:uuid:${randomUUID()}`;
  const probe = Buffer.from(probeMessage(messageId));
  const found = new Map<string, OnvifDevice>();
  const sockets: dgram.Socket[] = [];
  const onMessage = (message: Buffer, from: dgram.RemoteInfo): void => {
    if (found.size >= MAX_DEVICES) return;
    for (const device of parseProbeMatches(message.toString('utf8'), messageId, from.address)) {
      if (!found.has(device.urn)) found.set(device.urn, device);
    }
  };
  try {
    for (const address of interfaces) {
      const socket = await openSocket(address, onMessage);
      if (!socket) continue;
      try {
        socket.setMulticastInterface(address);
        socket.setMulticastTTL(1);
      } catch (error) {
        log.debug(`cannot probe from ${address}`, (error as Error).message);
        continue;
      }
      sockets.push(socket);
    }
    const unicast = targets.length > 0 ? await openSocket(undefined, onMessage) : undefined;
    if (unicast) sockets.push(unicast);
    const sendAll = (): void => {
      if (multicast) for (const socket of sockets.filter((s) => s !== unicast)) send(socket, probe, multicast.port, multicast.address);
      if (unicast) for (const target of targets) send(unicast, probe, target.port, target.host);
    };
    sendAll();
    await wait(Math.min(REPEAT_AFTER_MS, timeoutMs / 2), options.signal);
    sendAll();
    await wait(timeoutMs - Math.min(REPEAT_AFTER_MS, timeoutMs / 2), options.signal);
  } finally {
    for (const socket of sockets) socket.close();
  }
  return [...found.values()];
}

/** ProbeMatch entries of one reply to our probe; anything else (Hello, Bye, garbage) yields none. */
export function parseProbeMatches(xml: string, messageId: string, sender: string): OnvifDevice[] {
  if (xml.length > 65_536) return [];
  const relatesTo = xmlText(xml, 'RelatesTo');
  if (relatesTo !== undefined && relatesTo !== messageId) return [];
  const devices: OnvifDevice[] = [];
  for (const match of xmlBlocks(xml, 'ProbeMatch', 16)) {
    const urn = xmlText(match, 'Address');
    if (!urn || urn.length > 300) continue;
    const xaddrs = (xmlText(match, 'XAddrs') ?? '').split(/\s+/).filter(isHttpUrl).slice(0, MAX_XADDRS);
    const scopes = (xmlText(match, 'Scopes') ?? '').split(/\s+/).slice(0, 64);
    const preferred = xaddrs.find((u) => new URL(u).hostname === sender) ?? xaddrs[0];
    const address = preferred ? new URL(preferred).host : sender;
    if (address.length > 300) continue;
    devices.push({
      urn,
      address,
      xaddrs,
      ...scope(scopes, 'name'),
      ...scope(scopes, 'hardware'),
      ...scope(scopes, 'location'),
    });
  }
  return devices;
}

function scope(scopes: string[], key: 'name' | 'hardware' | 'location'): Partial<Record<typeof key, string>> {
  const prefix = `onvif://www.onvif.org/${key}/`;
  const value = scopes.find((s) => s.toLowerCase().startsWith(prefix.toLowerCase()));
  if (!value) return {};
  let text = value.slice(prefix.length);
  try {
    text = decodeURIComponent(text);
  } catch {
    // keep it as written
  }
  const clean = deviceText(text.replace(/_/g, ' '), 200);
  return clean ? { [key]: clean } : {};
}

function isHttpUrl(text: string): boolean {
  if (text.length === 0 || text.length > 500) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function probeMessage(messageId: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" ' +
    'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dn="http://www.onvif.org/ver10/network/wsdl">' +
    `<s:Header><a:MessageID>${xmlEscape(messageId)}</a:MessageID>` +
    '<a:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>' +
    '<a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action></s:Header>' +
    '<s:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></s:Body></s:Envelope>'
  );
}

function lanInterfaces(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((i) => i !== undefined && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
}

function openSocket(address: string | undefined, onMessage: (m: Buffer, r: dgram.RemoteInfo) => void): Promise<dgram.Socket | undefined> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', (error) => {
      log.debug(`cannot bind a discovery socket on ${address ?? 'any address'}`, error.message);
      try {
        socket.close();
      } catch {
        // never bound: nothing to close
      }
      resolve(undefined);
    });
    socket.bind(0, address, () => {
      socket.removeAllListeners('error');
      socket.on('error', (error) => log.debug('discovery socket error', error.message));
      socket.on('message', onMessage);
      resolve(socket);
    });
  });
}

function send(socket: dgram.Socket, probe: Buffer, port: number, host: string): void {
  socket.send(probe, port, host, (error) => {
    if (error) log.debug(`probe to ${host}:${port} failed`, error.message);
  });
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
