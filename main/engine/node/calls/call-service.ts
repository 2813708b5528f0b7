// Turns the emergency queue's states into media: while an alert is answered the operator's
// console and the box's kiosk are linked both ways, on hold the link is paused, otherwise it is
// closed. Also tracks which boxes are online, and what happens when either side goes away:
// a box that disconnects mid-call drops the call (the operator can call back); an operator's
// console that disconnects mid-call puts it on hold, so nobody is ever cut off by a crashed tab.
import { CallBoxSummary, type Alert } from '../../../../common/domain/alert.js';
import { createLogger } from '../../../../common/logger.js';
import { TypedEmitter } from '../../../../common/typed-emitter.js';
import { CallLink, type CallPeer } from '../../../../sfu/index.js';
import type { Actor, AlertQueue } from '../alerts/alert-queue.js';
import type { AuditLog } from '../store/audit-log.js';
import type { BoxRepo } from '../store/box-repo.js';

const log = createLogger('calls');

/** A connected session that can take part in calls. */
export interface CallParty {
  callPeer: CallPeer;
}

export type CallServiceEvents = { box: [box: CallBoxSummary] };

export class CallService extends TypedEmitter<CallServiceEvents> {
  private readonly boxParties = new Map<string, CallParty[]>();
  /** The console session that answered (or resumed, or called back) each call. */
  private readonly operatorParties = new Map<string, { party: CallParty; actor: Actor }>();
  private readonly links = new Map<string, CallLink>();
  private closed = false;

  constructor(
    private readonly queue: AlertQueue,
    private readonly boxes: BoxRepo,
    private readonly audit: AuditLog,
  ) {
    super();
    queue.on('changed', (alert) => this.reconcile(alert));
  }

  isOnline(boxId: string): boolean {
    return (this.boxParties.get(boxId)?.length ?? 0) > 0;
  }

  summary(boxId: string): CallBoxSummary | undefined {
    const box = this.boxes.get(boxId);
    // Parsed, so store-only fields (key state, revocation) never reach a client.
    return box && CallBoxSummary.parse({ ...box, online: this.isOnline(boxId) });
  }

  summaries(): CallBoxSummary[] {
    return this.boxes.list().map((box) => CallBoxSummary.parse({ ...box, online: this.isOnline(box.id) }));
  }

  boxConnected(boxId: string, party: CallParty): void {
    if (this.closed) return;
    const parties = this.boxParties.get(boxId) ?? [];
    parties.push(party);
    this.boxParties.set(boxId, parties);
    if (parties.length === 1) this.online(boxId, true);
    const current = this.queue.currentForBox(boxId);
    if (current) this.reconcile(current);
  }

  /** Ignored once the service is closed: an engine shutting down is not a box going away. */
  boxDisconnected(boxId: string, party: CallParty): void {
    if (this.closed) return;
    const parties = (this.boxParties.get(boxId) ?? []).filter((p) => p !== party);
    if (parties.length > 0) {
      this.boxParties.set(boxId, parties);
      const current = this.queue.currentForBox(boxId);
      if (current) this.reconcile(current);
      return;
    }
    this.boxParties.delete(boxId);
    this.online(boxId, false);
    this.queue.boxOffline(boxId);
  }

  /** The session that acted on a call becomes its operator side (a console may reconnect). */
  operatorActed(alert: Alert, party: CallParty, actor: Actor): void {
    this.operatorParties.set(alert.id, { party, actor });
    this.reconcile(alert);
  }

  operatorDisconnected(party: CallParty): void {
    if (this.closed) return;
    for (const [alertId, entry] of [...this.operatorParties]) {
      if (entry.party !== party) continue;
      this.operatorParties.delete(alertId);
      this.closeLink(alertId);
      const alert = this.queue.get(alertId);
      if (alert?.state !== 'answered') continue;
      try {
        this.queue.hold(alertId, entry.actor);
      } catch (error) {
        log.warn(`could not hold call ${alertId} after its console left`, error);
      }
    }
  }

  private reconcile(alert: Alert): void {
    if (alert.state !== 'answered' && alert.state !== 'on_hold') {
      this.closeLink(alert.id);
      if (alert.state === 'closed') this.operatorParties.delete(alert.id);
      return;
    }
    const operator = this.operatorParties.get(alert.id);
    const box = this.boxParties.get(alert.boxId)?.at(-1);
    let link = this.links.get(alert.id);
    if (link && (link.a !== operator?.party.callPeer || link.b !== box?.callPeer)) {
      this.closeLink(alert.id);
      link = undefined;
    }
    if (!operator || !box) return;
    const held = alert.state === 'on_hold';
    if (!link) {
      link = new CallLink(alert.id, operator.party.callPeer, box.callPeer);
      this.links.set(alert.id, link);
      void link.setHeld(held);
      link.start();
    } else {
      void link.setHeld(held);
    }
  }

  private closeLink(alertId: string): void {
    this.links.get(alertId)?.close();
    this.links.delete(alertId);
  }

  private online(boxId: string, online: boolean): void {
    const target = `box:${boxId}`;
    this.audit.append({ actor: target, action: online ? 'box.online' : 'box.offline', target });
    const summary = this.summary(boxId);
    if (summary) this.safeEmit('box', summary);
  }

  /** Idempotent: every link closes; the queue keeps every call's state. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const alertId of [...this.links.keys()]) this.closeLink(alertId);
    this.removeAllListeners();
  }
}
