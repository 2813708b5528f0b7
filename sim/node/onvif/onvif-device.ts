// A simulated ONVIF camera (Profile S subset) for tests and the installer's training site: a SOAP
// device and media service over HTTP with WS-UsernameToken digest auth, and a WS-Discovery
// responder. Its profiles point at the camera simulator's RTSP URLs.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../../common/logger.js';
import { soapOperation, xmlText } from '../../../common/xml-text.js';
import { DiscoveryResponder } from './discovery-responder.js';
import * as reply from './soap-replies.js';
import type { SimDeviceInfo, SimOnvifProfile } from './soap-replies.js';
import { UsernameTokenChecker, type TokenCheck } from './ws-security.js';

const log = createLogger('sim-onvif');

export type { SimDeviceInfo, SimOnvifProfile } from './soap-replies.js';

const MAX_REQUEST_BYTES = 64 * 1024;
const DEVICE_PATH = '/onvif/device_service';
const MEDIA_PATH = '/onvif/media_service';
/** Operations ONVIF lets anyone call (Core §5.9.4.3 PRE_AUTH). */
const PRE_AUTH = new Set(['GetSystemDateAndTime', 'GetCapabilities', 'GetServices', 'GetWsdlUrl']);

export interface OnvifDeviceSimOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (default) picks a free port. */
  httpPort?: number;
  username: string;
  password: string;
  /** Announced in the onvif://www.onvif.org/name/… scope. */
  name?: string;
  info?: Partial<SimDeviceInfo>;
  profiles: SimOnvifProfile[];
  /** Answer WS-Discovery probes (default: unicast only, on a free port). */
  discovery?: { port?: number; multicastInterface?: string } | false;
}

export interface OnvifRequestRecord {
  path: string;
  operation: string;
  auth: TokenCheck | 'not needed';
}

export class OnvifDeviceSimulator {
  readonly urn = `urn:uuid:${randomUUID()}`;
  /** Every SOAP request answered, for tests. */
  readonly requests: OnvifRequestRecord[] = [];
  private readonly auth: UsernameTokenChecker;
  private readonly info: SimDeviceInfo;
  private discovery: DiscoveryResponder | undefined;

  private constructor(
    private readonly server: http.Server,
    private readonly options: OnvifDeviceSimOptions,
  ) {
    this.auth = new UsernameTokenChecker(options.username, options.password);
    this.info = { manufacturer: 'Jharokha', model: 'SimCam 1', firmwareVersion: '1.0', serialNumber: 'SIM-0001', ...options.info };
    server.on('request', (req, res) => this.onRequest(req, res));
  }

  static async create(options: OnvifDeviceSimOptions): Promise<OnvifDeviceSimulator> {
    const server = http.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.httpPort ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const device = new OnvifDeviceSimulator(server, options);
    if (options.discovery !== false) {
      try {
        device.discovery = await DiscoveryResponder.create({
          host: options.host ?? '127.0.0.1',
          port: options.discovery?.port,
          multicast: options.discovery?.multicastInterface ? { interface: options.discovery.multicastInterface } : undefined,
          announce: () => ({ urn: device.urn, xaddrs: [device.deviceUrl], scopes: device.scopes() }),
        });
      } catch (error) {
        server.close();
        throw error;
      }
    }
    return device;
  }

  /** host:port, what an installer types. */
  get address(): string {
    const { address, port } = this.server.address() as AddressInfo;
    return `${address.includes(':') ? `[${address}]` : address}:${port}`;
  }

  get deviceUrl(): string {
    return `http://${this.address}${DEVICE_PATH}`;
  }

  /** The UDP port its WS-Discovery responder listens on, when it has one. */
  get discoveryPort(): number | undefined {
    return this.discovery?.port;
  }

  get probesAnswered(): number {
    return this.discovery?.answered ?? 0;
  }

  async close(): Promise<void> {
    this.discovery?.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private scopes(): string[] {
    const name = encodeURIComponent(this.options.name ?? 'SimCam');
    return [
      'onvif://www.onvif.org/type/video_encoder',
      'onvif://www.onvif.org/Profile/Streaming',
      `onvif://www.onvif.org/name/${name}`,
      `onvif://www.onvif.org/hardware/${encodeURIComponent(this.info.model)}`,
      'onvif://www.onvif.org/location/Kanpur',
    ];
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const send = (status: number, body: string): void => {
      res.writeHead(status, { 'Content-Type': 'application/soap+xml; charset=utf-8' }).end(body);
    };
    if (req.method !== 'POST') return void res.writeHead(405).end();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        res.writeHead(413).end();
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (res.headersSent) return;
      try {
        const [status, body] = this.answer(req.url ?? '/', Buffer.concat(chunks).toString('utf8'));
        send(status, body);
      } catch (error) {
        log.error('request failed', error);
        send(500, reply.fault('Receiver', 'ter:Action', 'internal error'));
      }
    });
  }

  private answer(path: string, body: string): [number, string] {
    const operation = soapOperation(body);
    if (!operation) return [400, reply.fault('Sender', 'ter:WellFormed', 'not a SOAP request')];
    const needsAuth = !PRE_AUTH.has(operation);
    const auth = needsAuth ? this.auth.check(body) : 'not needed';
    this.requests.push({ path, operation, auth });
    if (auth === 'missing' || auth === 'denied') return [400, reply.fault('Sender', 'ter:NotAuthorized', 'Sender not Authorized')];
    const unsupported: [number, string] = [400, reply.fault('Sender', 'ter:ActionNotSupported', `${operation} is not supported`)];
    if (path === DEVICE_PATH) {
      if (operation === 'GetSystemDateAndTime') return [200, reply.systemDateAndTime(new Date())];
      if (operation === 'GetCapabilities') return [200, reply.capabilities(this.deviceUrl, `http://${this.address}${MEDIA_PATH}`)];
      if (operation === 'GetDeviceInformation') return [200, reply.deviceInformation(this.info)];
      return unsupported;
    }
    if (path === MEDIA_PATH) {
      if (operation === 'GetProfiles') return [200, reply.profiles(this.options.profiles)];
      if (operation === 'GetStreamUri') {
        const token = xmlText(body, 'ProfileToken');
        const profile = this.options.profiles.find((p) => p.token === token);
        if (!profile) return [400, reply.fault('Sender', 'ter:InvalidArgVal', 'no such profile')];
        return [200, reply.streamUri(profile.rtspUrl)];
      }
      return unsupported;
    }
    return [404, reply.fault('Sender', 'ter:ActionNotSupported', 'no such service')];
  }
}
