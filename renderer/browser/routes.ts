// The pages the engine serves this bundle at. Parsed here so a bad address shows a plain message.
import { BoxId } from '../../common/domain/alert.js';
import { WallDisplayRef } from '../../common/domain/wall.js';

export type Route =
  | { page: 'console' }
  | { page: 'wall'; wallId: string; displayId: string }
  | { page: 'callbox'; boxId: string }
  | { page: 'setup' }
  | { page: 'not-found'; pathname: string };

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter((part) => part.length > 0);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === 'console')) return { page: 'console' };
  if (parts.length === 1 && parts[0] === 'setup') return { page: 'setup' };
  if (parts.length === 3 && parts[0] === 'wall') {
    const ref = WallDisplayRef.safeParse({ wallId: safeDecode(parts[1]), displayId: safeDecode(parts[2]) });
    if (ref.success) return { page: 'wall', ...ref.data };
  }
  if (parts.length === 2 && parts[0] === 'callbox') {
    const boxId = BoxId.safeParse(safeDecode(parts[1]));
    if (boxId.success) return { page: 'callbox', boxId: boxId.data };
  }
  return { page: 'not-found', pathname };
}

function safeDecode(part: string | undefined): string {
  try {
    return decodeURIComponent(part ?? '');
  } catch {
    return '';
  }
}
