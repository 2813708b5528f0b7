// Where the committed test clips live, so callers need not know the repository layout.
import { fileURLToPath } from 'node:url';

export const MEDIA_CLIPS = {
  main720Gop2: 'main-720p-gop2.h264',
  sub360Gop2: 'sub-360p-gop2.h264',
  main720Gop1: 'main-720p-gop1.h264',
  main720Gop4: 'main-720p-gop4.h264',
  h265: 'h265-720p.h265',
} as const;

export function mediaPath(file: string): string {
  return fileURLToPath(new URL(`../../resources/media/${file}`, import.meta.url));
}
