// Reads tiles through the data attributes every tile exposes (Tile.tsx): state, stream, frames
// decoded, frame size.
import type { Page } from 'playwright-core';

/**
 * Each reading's field and the tile attribute it comes from: one list for readTiles and for the
 * samplers that read tiles inside the page (code there cannot call ours).
 */
export const TILE_ATTRIBUTES = {
  index: 'data-tile-index',
  cameraId: 'data-camera-id',
  state: 'data-state',
  stream: 'data-stream',
  pending: 'data-stream-pending',
  note: 'data-stream-note',
  framesDecoded: 'data-frames-decoded',
  frameWidth: 'data-frame-width',
  frameHeight: 'data-frame-height',
} as const;

/** The attributes as the page has them ('' where one is missing). */
export type RawTileAttributes = Record<keyof typeof TILE_ATTRIBUTES, string>;

export interface TileAttributes {
  index: number;
  cameraId: string;
  state: string;
  stream: string;
  pending: string;
  note: string;
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
}

export interface TileReading extends TileAttributes {
  /** The decoded size of the video on top (the one seen), 0 without one. */
  videoWidth: number;
  videoHeight: number;
}

export function fromAttributes(raw: RawTileAttributes): TileAttributes {
  const { index, framesDecoded, frameWidth, frameHeight, ...text } = raw;
  return { ...text, index: Number(index), framesDecoded: Number(framesDecoded), frameWidth: Number(frameWidth), frameHeight: Number(frameHeight) };
}

export async function readTiles(page: Page): Promise<TileReading[]> {
  const raw = await page.$$eval(
    '[data-testid="tile"]',
    (tiles, attributes) =>
      tiles.map((t) => {
        const videos = t.querySelectorAll('video');
        const top = videos.length > 0 ? (videos[videos.length - 1] as HTMLVideoElement) : null;
        return {
          attributes: Object.fromEntries(Object.entries(attributes).map(([key, name]) => [key, t.getAttribute(name) ?? ''])) as RawTileAttributes,
          videoWidth: top ? top.videoWidth : 0,
          videoHeight: top ? top.videoHeight : 0,
        };
      }),
    TILE_ATTRIBUTES,
  );
  return raw.map(({ attributes, ...video }) => ({ ...fromAttributes(attributes), ...video }));
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
