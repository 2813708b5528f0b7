// The WS-Discovery side of a simulated ONVIF device (WS-Discovery 2005/04, ONVIF Core §7.3): answers
// a Probe for NetworkVideoTransmitter with a ProbeMatch, by unicast to whoever asked. Listens on a
// unicast socket and, optionally, on the multicast group joined on one interface only.
import { randomUUID } from 'node:crypto';
import dgram from 'node:dgram';
import { createLogger } from '../../../common/logger.js';
import { xmlEscape as x, xmlText } from '../../../common/xml-text.js';

const log = createLogger('sim-onvif-discovery');

export const WS_DISCOVERY_GROUP = '239.255.255.250';
const PROBE_ACTION = 'http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe';

export interface Announcement {
  urn: string;
  xaddrs: string[];
  scopes: string[];
}

export interface DiscoveryResponderOptions {
  /** Unicast address to listen on (default 127.0.0.1). */
  host?: string;
  /** 0 (default) picks a free port; real devices use 3702. */
  port?: number;
  /** Also hear multicast probes sent to this group, joined on this interface's address only. */
  multicast?: { group?: string; interface: string };
  announce: () => Announcement;
}

export class DiscoveryResponder {
  /** Probes answered, for tests. */
  answered = 0;

  private constructor(
    private readonly unicast: dgram.Socket,
    private readonly multicast: dgram.Socket | undefined,
    readonly port: number,
  ) {}

  static async create(options: DiscoveryResponderOptions): Promise<DiscoveryResponder> {
    const unicast = dgram.createSocket({ type: 'udp4', reuseAddr: true });
    await bind(unicast, options.port ?? 0, options.host ?? '127.0.0.1');
    const port = unicast.address().port;
    let multicast: dgram.Socket | undefined;
    if (options.multicast) {
      const group = options.multicast.group ?? WS_DISCOVERY_GROUP;
      multicast = dgram.createSocket({ type: 'udp4', reuseAddr: true });
      try {
        await bind(multicast, port, group);
        multicast.addMembership(group, options.multicast.interface);
      } catch (error) {
        unicast.close();
        multicast.close();
        throw error;
      }
    }
    const responder = new DiscoveryResponder(unicast, multicast, port);
    for (const socket of [unicast, multicast]) {
      socket?.on('message', (message, from) => responder.onProbe(message, from, options.announce));
      socket?.on('error', (error) => log.warn('discovery socket error', error.message));
    }
    return responder;
  }

  close(): void {
    for (const socket of [this.unicast, this.multicast]) {
      try {
        socket?.close();
      } catch {
        // already closed
      }
    }
  }

  private onProbe(message: Buffer, from: dgram.RemoteInfo, announce: () => Announcement): void {
    const xml = message.toString('utf8');
    if (xmlText(xml, 'Action') !== PROBE_ACTION) return;
    const types = xmlText(xml, 'Types');
    if (types && !/(^|\s|:)NetworkVideoTransmitter(\s|$)/.test(types)) return;
    const messageId = xmlText(xml, 'MessageID');
    const reply = Buffer.from(probeMatches(announce(), messageId));
    this.answered += 1;
    this.unicast.send(reply, from.port, from.address, (error) => {
      if (error) log.debug('could not answer a probe', error.message);
    });
  }
}

function probeMatches(device: Announcement, relatesTo: string | undefined): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" ' +
    'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dn="http://www.onvif.org/ver10/network/wsdl">' +
    `<s:Header><a:MessageID>urn:uuid:${randomUUID()}</a:MessageID>` +
    (relatesTo ? `<a:RelatesTo>${x(relatesTo)}</a:RelatesTo>` : '') +
    '<a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>' +
    '<a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</a:Action></s:Header>' +
    '<s:Body><d:ProbeMatches><d:ProbeMatch>' +
    `<a:EndpointReference><a:Address>${x(device.urn)}</a:Address></a:EndpointReference>` +
    '<d:Types>dn:NetworkVideoTransmitter</d:Types>' +
    `<d:Scopes>${x(device.scopes.join(' '))}</d:Scopes><d:XAddrs>${x(device.xaddrs.join(' '))}</d:XAddrs>` +
    '<d:MetadataVersion>1</d:MetadataVersion></d:ProbeMatch></d:ProbeMatches></s:Body></s:Envelope>'
  );
}

function bind(socket: dgram.Socket, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, address, () => {
      socket.off('error', reject);
      resolve();
    });
  });
}
