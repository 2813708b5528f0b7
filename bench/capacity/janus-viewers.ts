// A batch of viewers on Janus's streaming plugin: per viewer one handle, the plugin's offer
// (watch), the same counting receiver's answer (start). Janus's offers ask for NACKs and list
// IPv6 link-local addresses too; both go, so Janus is measured as our engine is. The RTSP
// mountpoints are made here as the first viewer of a camera stream asks, and destroyed with its
// last (Janus pulls for as long as a mountpoint exists, watched or not).
import { JanusSession, type StreamingHandle } from '../janus/api.js';
import { CountingPeer, reachable } from './counting-peer.js';
import { keepCandidates, stripRepairFeedback } from './remote-sdp.js';
import type { StreamCounts } from './stream-counter.js';

export interface JanusBatchSpec {
  apiUrl: string;
  /** One viewer per entry, of that mountpoint (made from `url` if it does not exist yet). */
  viewers: { mountpointId: number; url: string }[];
}

// One session per Janus for the whole receiver process (a session's long poll is one more socket),
// with one handle that makes and destroys the mountpoints.
const sessions = new Map<string, Promise<{ session: JanusSession; admin: StreamingHandle }>>();
/** Open viewers per mountpoint; a mountpoint is made, one at a time, when it has none. */
const viewersOf = new Map<number, number>();
let mountpointWork: Promise<void> = Promise.resolve();

function sessionFor(apiUrl: string): Promise<{ session: JanusSession; admin: StreamingHandle }> {
  let session = sessions.get(apiUrl);
  if (!session) {
    session = JanusSession.create(apiUrl).then(async (s) => ({ session: s, admin: await s.attachStreaming() }));
    sessions.set(apiUrl, session);
  }
  return session;
}

function mountpointsTaken(admin: StreamingHandle, viewers: JanusBatchSpec['viewers']): Promise<void> {
  const work = mountpointWork.then(async () => {
    for (const v of viewers) {
      const open = viewersOf.get(v.mountpointId) ?? 0;
      if (open === 0) await admin.createRtspMountpoint(v.mountpointId, v.url);
      viewersOf.set(v.mountpointId, open + 1);
    }
  });
  mountpointWork = work.catch(() => undefined);
  return work;
}

function mountpointsLeft(admin: StreamingHandle, mountpointIds: number[]): Promise<void> {
  const work = mountpointWork.then(async () => {
    for (const id of mountpointIds) {
      const open = (viewersOf.get(id) ?? 1) - 1;
      viewersOf.set(id, open);
      if (open === 0) await admin.destroyMountpoint(id).catch(() => undefined);
    }
  });
  mountpointWork = work;
  return work;
}

export class JanusViewers {
  static async open(spec: JanusBatchSpec): Promise<JanusViewers> {
    const { session, admin } = await sessionFor(spec.apiUrl);
    await mountpointsTaken(admin, spec.viewers);
    const viewers = new JanusViewers(() => mountpointsLeft(admin, spec.viewers.map((v) => v.mountpointId)));
    try {
      await Promise.all(
        spec.viewers.map(async ({ mountpointId }) => {
          const handle = await session.attachStreaming();
          viewers.handles.push(handle);
          const offer = await handle.watch(mountpointId);
          const { peer, answer } = await CountingPeer.answer(stripRepairFeedback(keepCandidates(offer.sdp, reachable)));
          viewers.peers.push(peer);
          await handle.start({ type: 'answer', sdp: answer });
        }),
      );
      await Promise.all(viewers.peers.map((p) => p.connected(10_000)));
      return viewers;
    } catch (error) {
      await viewers.close();
      throw error;
    }
  }

  private readonly handles: StreamingHandle[] = [];
  private readonly peers: CountingPeer[] = [];
  private closed = false;

  private constructor(private readonly release: () => Promise<void>) {}

  counts(): StreamCounts[] {
    return this.peers.flatMap((p) => Object.values(p.counts()));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.handles.map((h) => h.detach().catch(() => undefined)));
    await Promise.all(this.peers.map((p) => p.close()));
    await this.release();
  }
}

/** Ends the process's Janus sessions (the receiver is leaving). */
export async function endJanusSessions(): Promise<void> {
  for (const session of sessions.values()) await (await session.catch(() => undefined))?.session.destroy();
  sessions.clear();
}
