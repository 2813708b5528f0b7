// ONVIF for installers: find devices on the LAN (ws-discovery.ts) and, for one device with its
// credentials, list its media profiles with their RTSP URIs. The SOAP exchange uses the `onvif`
// package (WS-UsernameToken digest, HTTP Digest fallback, Media 1.0); around it we bound time and
// reply size, classify every failure, and read each reply defensively. Credentials are used for
// the requests only: never logged, stored, or put in an error.
import onvif from 'onvif';
import type { Cam } from 'onvif';
import type { OnvifProfile, OnvifProfiles } from '../../../../common/domain/onvif.js';
import { JharokhaError } from '../../../../common/errors.js';
import { xmlEscape, xmlText } from '../../../../common/xml-text.js';
import { CappedAgent, REPLY_TOO_LARGE } from './capped-agent.js';
import { deviceText, OnvifError } from './onvif-error.js';

export { discoverOnvif, type DiscoveryOptions } from './ws-discovery.js';
export { OnvifError, type OnvifFailure } from './onvif-error.js';

const DEFAULT_TIMEOUT_MS = 8000;
const MAX_REQUEST_MS = 5000;
const MAX_REPLY_BYTES = 1024 * 1024;
const MAX_PROFILES = 32;
const DEFAULT_DEVICE_PATH = '/onvif/device_service';

export interface OnvifLookupOptions {
  /** "host", "host:port" or a device service URL as discovery reports it (http only). */
  address: string;
  username?: string;
  password?: string;
  /** For the whole lookup (default 8 s). */
  timeoutMs?: number;
}

interface DeviceAddress {
  hostname: string;
  port: number;
  path: string;
}

export function parseDeviceAddress(input: string): DeviceAddress {
  const text = input.trim();
  const bad = (why: string): never => {
    throw new JharokhaError('BadRequest', `ONVIF address: ${why}`);
  };
  if (!text || text.length > 300 || /\s/.test(text)) bad('give a host, host:port or http:// URL');
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  let url: URL;
  try {
    url = new URL(hasScheme ? text : `http://${text}`);
  } catch {
    return bad('give a host, host:port or http:// URL');
  }
  if (url.protocol !== 'http:') bad('only http:// device services are supported');
  if (url.username || url.password) bad('put the user name and password in their own fields');
  if (!hasScheme && url.pathname !== '/') bad('give a host, host:port or http:// URL');
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!hostname) bad('no host');
  return { hostname, port: url.port ? Number(url.port) : 80, path: url.pathname === '/' ? DEFAULT_DEVICE_PATH : url.pathname };
}

export async function onvifProfiles(options: OnvifLookupOptions): Promise<OnvifProfiles> {
  const target = parseDeviceAddress(options.address);
  const username = options.username ?? '';
  const password = options.password ?? '';
  // The library writes the user name into the SOAP header unescaped.
  if (/[<>&"']/.test(username)) throw new JharokhaError('BadRequest', 'ONVIF user names cannot contain < > & " or \'');
  const timeoutMs = Math.max(500, Math.min(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 60_000));
  const agent = new CappedAgent(MAX_REPLY_BYTES);
  const cam = new onvif.Cam({
    hostname: target.hostname,
    port: target.port,
    path: target.path,
    username: username || undefined,
    password: password || undefined,
    autoconnect: false,
    // Service URLs the device announces keep our host and port: a device behind NAT names its
    // private address, and a hostile one must not send our credentials elsewhere.
    preserveAddress: true,
    timeout: Math.min(MAX_REQUEST_MS, timeoutMs),
    agent,
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OnvifError('timeout', `no complete answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    return await Promise.race([lookup(cam), deadline]);
  } finally {
    clearTimeout(timer);
    agent.destroy();
    cam.removeAllListeners();
  }
}

async function lookup(cam: Cam): Promise<OnvifProfiles> {
  await call(cam, 'GetSystemDateAndTime', (done) => cam.getSystemDateAndTime(done));
  await call(cam, 'GetCapabilities', (done) => cam.getCapabilities(done));
  if (!cam.uri?.media) throw new OnvifError('not-onvif', 'the device offers no media service');
  const info = await call(cam, 'GetDeviceInformation', (done) => cam.getDeviceInformation(done)).catch((error: unknown) => {
    // Some devices refuse this to non-admin users; the profiles are what matters.
    if (error instanceof OnvifError && error.failure === 'not-onvif') return undefined;
    throw error;
  });
  const raw = (await call(cam, 'GetProfiles', (done) => cam.getProfiles(done))).data;
  const profiles: OnvifProfile[] = [];
  for (const entry of (Array.isArray(raw) ? raw : raw ? [raw] : []).slice(0, MAX_PROFILES)) {
    const profile = readProfile(entry);
    if (!profile) continue;
    try {
      const media = await call(cam, 'GetStreamUri', (done) =>
        cam.getStreamUri({ protocol: 'RTSP', stream: 'RTP-Unicast', profileToken: xmlEscape(profile.token) }, done),
      );
      const uri = readStreamUri(media.data);
      profiles.push(uri ? { ...profile, streamUri: uri } : { ...profile, error: 'the device gave no rtsp:// URI' });
    } catch (error) {
      if (error instanceof OnvifError && error.failure !== 'not-onvif') throw error;
      profiles.push({ ...profile, error: error instanceof OnvifError ? error.detail : 'unreadable reply' });
    }
  }
  return { device: readInfo(info?.xml ?? ''), profiles };
}

/** One library request as a promise: the first callback wins (the library may call twice). */
function call(
  cam: Cam,
  step: string,
  start: (done: (error: Error | null, data?: unknown, xml?: string) => void) => void,
): Promise<{ data: unknown; xml: string }> {
  let status: number | undefined;
  const onResponse = (_xml: string, statusCode: number): void => {
    status = statusCode;
  };
  cam.on('rawResponse', onResponse);
  return new Promise<{ data: unknown; xml: string }>((resolve, reject) => {
    let settled = false;
    const done = (error: Error | null, data?: unknown, xml?: string): void => {
      if (settled) return;
      settled = true;
      if (error) reject(classify(error, step, status));
      else resolve({ data, xml: typeof xml === 'string' ? xml : '' });
    };
    try {
      start(done);
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)));
    }
  }).finally(() => cam.off('rawResponse', onResponse));
}

const SOCKET_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'no route to host',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
};

function classify(error: Error, step: string, status: number | undefined): OnvifError {
  if (error instanceof OnvifError) return error;
  const code = (error as { code?: unknown }).code;
  const message = deviceText(error.message, 200);
  if (code === REPLY_TOO_LARGE) return new OnvifError('not-onvif', `${step}: reply larger than ${MAX_REPLY_BYTES / 1024} KiB`);
  if (typeof code === 'string' && SOCKET_ERRORS[code]) return new OnvifError('unreachable', SOCKET_ERRORS[code]);
  if (code === 'ETIMEDOUT' || message === 'Network timeout') return new OnvifError('timeout', `${step}: no answer`);
  if (typeof code === 'string' && code.startsWith('HPE_')) return new OnvifError('not-onvif', `${step}: the reply is not HTTP`);
  if (typeof code === 'string') return new OnvifError('unreachable', `socket error ${deviceText(code, 30)}`);
  if (status === 401 || /not ?authori[sz]ed|authentication failed|unauthori[sz]ed/i.test(message)) {
    return new OnvifError('unauthorized', step);
  }
  if (/Wrong ONVIF SOAP response/.test(message)) {
    return new OnvifError('not-onvif', `${step}: the reply is not SOAP${status ? ` (HTTP ${status})` : ''}`);
  }
  const fault = /ONVIF SOAP Fault: (.*)/.exec(message)?.[1];
  if (fault !== undefined) return new OnvifError('not-onvif', `${step} refused: ${deviceText(fault, 100) || 'SOAP fault'}`);
  return new OnvifError('not-onvif', `${step}: unreadable reply`);
}

type Loose = Record<string, unknown>;
const record = (value: unknown): Loose | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : undefined;
const text = (value: unknown, max: number): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? deviceText(value, max) || undefined : undefined;
const count = (value: unknown, max: number): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= max ? value : undefined;

function readProfile(value: unknown): Omit<OnvifProfile, 'streamUri' | 'error'> | undefined {
  const profile = record(value);
  const token = record(profile?.$)?.token;
  if (typeof token !== 'string' && typeof token !== 'number') return undefined;
  const tokenText = String(token);
  if (tokenText.length === 0 || tokenText.length > 64) return undefined;
  const encoder = record(profile?.videoEncoderConfiguration);
  const resolution = record(encoder?.resolution);
  const rate = record(encoder?.rateControl);
  const gop = record(encoder?.H264) ?? record(encoder?.H265);
  const width = count(resolution?.width, 16384);
  const height = count(resolution?.height, 16384);
  const govLength = count(gop?.govLength, 100_000);
  return {
    token: tokenText,
    name: text(profile?.name, 200) ?? tokenText,
    ...optional('encoding', text(encoder?.encoding, 32)),
    ...(width && height && Number.isInteger(width) && Number.isInteger(height) ? { width, height } : {}),
    ...optional('fps', count(rate?.frameRateLimit, 1000)),
    ...optional('bitrateKbps', count(rate?.bitrateLimit, 10_000_000)),
    ...optional('govLength', govLength && Number.isInteger(govLength) ? govLength : undefined),
  };
}

/** The profile's RTSP URI, credentials removed (some devices embed them). */
function readStreamUri(value: unknown): string | undefined {
  const uri = record(value)?.uri;
  if (typeof uri !== 'string' || uri.length > 2000) return undefined;
  try {
    const url = new URL(uri.trim());
    if (url.protocol !== 'rtsp:' && url.protocol !== 'rtsps:') return undefined;
    url.username = '';
    url.password = '';
    return url.href.length <= 2000 ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** From the reply's XML: the library's reading turns a firmware "1.0" into the number 1. */
function readInfo(xml: string): OnvifProfiles['device'] {
  const field = (name: string): string | undefined => {
    const value = xmlText(xml, name);
    return value === undefined ? undefined : deviceText(value, 200) || undefined;
  };
  return {
    ...optional('manufacturer', field('Manufacturer')),
    ...optional('model', field('Model')),
    ...optional('firmwareVersion', field('FirmwareVersion')),
    ...optional('serialNumber', field('SerialNumber')),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
