// Frames decoded by a tile since its camera was assigned (or audio packets a call received). A new
// consumer (engine reconnect, a recreated producer) starts its own count at zero; adding the
// earlier consumers' last counts keeps the number rising, so "is it still decoding?" has one
// honest answer.
export class FrameCounter {
  private base = 0;
  private consumerId: string | null = null;
  private last = 0;

  total(consumerId: string, framesDecoded: number): number {
    if (consumerId !== this.consumerId) {
      this.base += this.last;
      this.consumerId = consumerId;
      this.last = 0;
    }
    this.last = Math.max(this.last, framesDecoded);
    return this.base + this.last;
  }
}
