// What a socket opened with, checked at the upgrade and again whenever the store may have changed:
// a kiosk's, a wall display's or a workstation's key can be revoked while its socket is open, and
// the socket must not outlive it. Each kind of machine key is one row of `machineKeys` (how it is
// named in the address, how the store verifies it, the principal it opens); a new kind of key is
// one more row.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { WallDisplayRef } from '../../../../common/domain/wall.js';
import type { EngineContext } from '../engine-context.js';
import type { Principal } from './access.js';

/**
 * A workstation relaying a page names itself and the page's own address in these headers; the site
 * believes the address only once the workstation's key verifies (console-relay.ts sends them).
 */
export const RELAY_HEADERS = {
  workstation: 'x-jharokha-relay-workstation',
  key: 'x-jharokha-relay-key',
  clientAddress: 'x-jharokha-client-address',
} as const;

export interface Credential {
  principal: Principal;
  /** The address failed logins are counted under: the socket's peer, or a verified relay's page. */
  address: string;
  /** False once a key it opened with (its own, or its relay's) no longer verifies: revoked or replaced. */
  stillValid(): boolean;
}

export interface SiteSecrets {
  siteToken: string;
  /** The secret this machine's own shell derives its wall windows' display keys from (machine-key.ts). */
  localDisplaySecret?: Buffer;
}

/**
 * One kind of machine key, read from an upgrade's address: undefined when the address is not this
 * kind's, null when it is but names its holder wrongly, else the principal and how to verify a key.
 */
type MachineKeyKind = (engine: EngineContext, secrets: SiteSecrets, url: URL) => { principal: Principal; verify: (key: string) => boolean } | null | undefined;

const machineKeys: readonly MachineKeyKind[] = [
  (engine, _secrets, url) => {
    const boxId = url.searchParams.get('box');
    return boxId === null ? undefined : { principal: { kind: 'box', boxId }, verify: (key) => engine.boxes.verifyKey(boxId, key) };
  },
  (engine, _secrets, url) => {
    const workstationId = url.searchParams.get('workstation');
    return workstationId === null ? undefined : { principal: { kind: 'workstation', workstationId }, verify: (key) => engine.workstations.verifyKey(workstationId, key) };
  },
  (engine, secrets, url) => {
    if (!url.searchParams.has('wall')) return undefined;
    const ref = WallDisplayRef.safeParse({ wallId: url.searchParams.get('wall'), displayId: url.searchParams.get('display') });
    if (!ref.success) return null;
    return { principal: { kind: 'display', ...ref.data }, verify: (key) => engine.displayKeys.verifyKey(ref.data, key, secrets.localDisplaySecret) };
  },
];

function tokenMatches(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
};

/** The credential of an upgrade request, or undefined when a key, the token or a relay's key does not verify. */
export function authenticate(engine: EngineContext, secrets: SiteSecrets, url: URL, headers: IncomingHttpHeaders, peerAddress: string): Credential | undefined {
  for (const kind of machineKeys) {
    const holder = kind(engine, secrets, url);
    if (holder === undefined) continue;
    const key = url.searchParams.get('key');
    if (holder === null || !key || !holder.verify(key)) return undefined;
    return { principal: holder.principal, address: peerAddress, stillValid: () => holder.verify(key) };
  }
  if (!tokenMatches(url.searchParams.get('token'), secrets.siteToken)) return undefined;
  const relay = header(headers, RELAY_HEADERS.workstation);
  if (relay === undefined) return { principal: { kind: 'console' }, address: peerAddress, stillValid: () => true };
  // A relayed page: the relay is as trusted as its key, and its pages go when its key does.
  const relayKey = header(headers, RELAY_HEADERS.key) ?? '';
  const relayValid = (): boolean => engine.workstations.verifyKey(relay, relayKey);
  if (!relayValid()) return undefined;
  const address = header(headers, RELAY_HEADERS.clientAddress)?.slice(0, 64) || peerAddress;
  return { principal: { kind: 'console' }, address, stillValid: relayValid };
}
