// Reads tiles through the data attributes every tile exposes (state, frames decoded, frame age).
import type { Page } from 'playwright-core';

export interface TileReading {
  index: number;
  cameraId: string;
  state: string;
  framesDecoded: number;
  frameWidth: number;
}

export async function readTiles(page: Page): Promise<TileReading[]> {
  return page.$$eval('[data-testid="tile"]', (tiles) =>
    tiles.map((t) => ({
      index: Number(t.getAttribute('data-tile-index')),
      cameraId: t.getAttribute('data-camera-id') ?? '',
      state: t.getAttribute('data-state') ?? '',
      framesDecoded: Number(t.getAttribute('data-frames-decoded') ?? 0),
      frameWidth: Number(t.getAttribute('data-frame-width') ?? 0),
    })),
  );
}

/**
 * Mean luminance (0–255) of what each tile's video shows now, drawn to a canvas in the page: its
 * current frame, or the held last picture laid over it while a new track waits for its first frame.
 */
export async function tileLuminance(page: Page): Promise<number[]> {
  return page.$$eval('[data-testid="tile"] video', (videos) =>
    (videos as HTMLVideoElement[]).map((video) => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 36;
      const ctx = canvas.getContext('2d');
      const held = video.parentElement?.querySelector('canvas[data-testid="tile-held-picture"]') as HTMLCanvasElement | null;
      if (held && ctx) {
        ctx.drawImage(held, 0, 0, canvas.width, canvas.height);
      } else {
        if (!ctx || video.videoWidth === 0) return 0;
        ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
      }
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let sum = 0;
      for (let i = 0; i < data.length; i += 4) sum += 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
      return sum / (data.length / 4);
    }),
  );
}
