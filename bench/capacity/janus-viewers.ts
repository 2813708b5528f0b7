// A batch of viewers on Janus's streaming plugin: per viewer one handle, the plugin's offer
// (watch), the same counting receiver's answer (start). Janus's offers ask for NACKs and may
// list this machine's other addresses; both go, so Janus is measured as our engine is.
import { JanusSession, type StreamingHandle } from '../janus/api.js';
import { CountingPeer } from './counting-peer.js';
import { loopbackCandidatesOnly, stripRepairFeedback } from './remote-sdp.js';
import type { StreamCounts } from './stream-counter.js';

export interface JanusBatchSpec {
  apiUrl: string;
  /** One viewer per entry, of that mountpoint. */
  mountpoints: number[];
}

// One session per Janus for the whole receiver process (a session's long poll is one more socket).
const sessions = new Map<string, Promise<JanusSession>>();

function sessionFor(apiUrl: string): Promise<JanusSession> {
  let session = sessions.get(apiUrl);
  if (!session) {
    session = JanusSession.create(apiUrl);
    sessions.set(apiUrl, session);
  }
  return session;
}

export class JanusViewers {
  static async open(spec: JanusBatchSpec): Promise<JanusViewers> {
    const session = await sessionFor(spec.apiUrl);
    const viewers = new JanusViewers();
    try {
      for (const mountpointId of spec.mountpoints) {
        const handle = await session.attachStreaming();
        viewers.handles.push(handle);
        const offer = await handle.watch(mountpointId);
        const { peer, answer } = await CountingPeer.answer(stripRepairFeedback(loopbackCandidatesOnly(offer.sdp)));
        viewers.peers.push(peer);
        await handle.start({ type: 'answer', sdp: answer });
      }
      await Promise.all(viewers.peers.map((p) => p.connected(10_000)));
      return viewers;
    } catch (error) {
      await viewers.close();
      throw error;
    }
  }

  private readonly handles: StreamingHandle[] = [];
  private readonly peers: CountingPeer[] = [];

  counts(): StreamCounts[] {
    return this.peers.flatMap((p) => Object.values(p.counts()));
  }

  async close(): Promise<void> {
    await Promise.all(this.handles.map((h) => h.detach().catch(() => undefined)));
    await Promise.all(this.peers.map((p) => p.close()));
  }
}

/** Ends the process's Janus sessions (the receiver is leaving). */
export async function endJanusSessions(): Promise<void> {
  for (const session of sessions.values()) await (await session.catch(() => undefined))?.destroy();
  sessions.clear();
}
