// The ring: short WebAudio beeps repeating while a call waits. Panic rings faster and higher.
// Browsers block audio until the page has had a click or key press; until then the beeps are
// silently skipped (the banner still flashes), and the first gesture unlocks them. Nothing here
// may throw: a broken sound card must not break the queue.
import type { AlertKind } from '../../../common/domain/alert.js';
import { createLogger } from '../../../common/logger.js';

const log = createLogger('ring');

interface Pattern {
  everyMs: number;
  /** [frequency Hz, start s, length s] */
  tones: Array<[number, number, number]>;
}

export const ringPatterns: Record<AlertKind, Pattern> = {
  panic: { everyMs: 900, tones: [[988, 0, 0.14], [1319, 0.18, 0.14], [988, 0.36, 0.14]] },
  emergency: { everyMs: 2_000, tones: [[740, 0, 0.2], [740, 0.3, 0.2]] },
};

type AudioContextClass = new () => AudioContext;

export class RingSound {
  private context: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private kind: AlertKind | null = null;
  private failed = false;

  constructor(private readonly createContext: AudioContextClass | undefined = globalThis.AudioContext) {}

  /** Rings for this kind (a no-op if already ringing so); null stops. */
  ring(kind: AlertKind | null): void {
    if (kind === this.kind) return;
    this.stopTimer();
    this.kind = kind;
    if (kind === null) return;
    this.beep(kind);
    this.timer = setInterval(() => this.beep(kind), ringPatterns[kind].everyMs);
  }

  /** Called from a user gesture: lets a blocked context start. */
  unlock(): void {
    const context = this.getContext();
    if (context?.state === 'suspended') context.resume().catch(() => undefined);
  }

  close(): void {
    this.ring(null);
    const context = this.context;
    this.context = null;
    context?.close().catch(() => undefined);
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private getContext(): AudioContext | null {
    if (this.context || this.failed) return this.context;
    try {
      if (!this.createContext) throw new Error('no WebAudio in this browser');
      this.context = new this.createContext();
    } catch (error) {
      this.failed = true;
      log.warn('no ring sound', error instanceof Error ? error.message : error);
    }
    return this.context;
  }

  private beep(kind: AlertKind): void {
    const context = this.getContext();
    if (!context) return;
    try {
      if (context.state === 'suspended') {
        // Not yet allowed to play: ask, and skip this beep rather than queue a burst of them.
        context.resume().catch(() => undefined);
        return;
      }
      const start = context.currentTime + 0.01;
      for (const [frequency, at, length] of ringPatterns[kind].tones) {
        const oscillator = context.createOscillator();
        const gain = context.createGain();
        oscillator.type = 'square';
        oscillator.frequency.value = frequency;
        // A short ramp in and out: no clicks.
        gain.gain.setValueAtTime(0, start + at);
        gain.gain.linearRampToValueAtTime(0.15, start + at + 0.01);
        gain.gain.setValueAtTime(0.15, start + at + length - 0.02);
        gain.gain.linearRampToValueAtTime(0, start + at + length);
        oscillator.connect(gain).connect(context.destination);
        oscillator.start(start + at);
        oscillator.stop(start + at + length);
      }
    } catch (error) {
      log.debug('beep failed', error);
    }
  }
}
