// What the API needs of a workstation engine's link to its site server, defined here so that the
// API never imports workstation/ (workstation/workstation.ts implements it): while the site is up,
// console pages are relayed to it; pages hear when that changes; some methods are served locally
// while it is away.
import type { WebSocket } from 'ws';
import type { EventData } from '../../../../common/protocol/events.js';
import type { TypedEmitter } from '../../../../common/typed-emitter.js';
import type { Handlers } from './connection-context.js';

export type SiteStatus = EventData<'site.status'>;

/** mode: the pages must reconnect (into the new mode); status: the same mode, new figures (an action queued). */
export type SitePortEvents = { mode: [status: SiteStatus]; status: [status: SiteStatus] };

export interface SitePort extends Pick<TypedEmitter<SitePortEvents>, 'on'> {
  /** True while the site answers: console pages are relayed to it, not served here. */
  readonly siteMode: boolean;
  status(): SiteStatus;
  /** Pairs a page's socket with one to the site, which is told the page's address; frames pass through unchanged. */
  relay(page: WebSocket, pageAddress: string): void;
}

/** Replaces some methods, given the engine's own (a workstation serving pages while its site is away). */
export type HandlerOverrides = (base: Handlers) => Partial<Handlers>;
