// Resolving a=control against the base URL (Content-Base, else Content-Location, else the
// DESCRIBE URL). Cameras write "trackID=1" against a base without a trailing slash and mean a
// child of it, so relative controls are appended (as ffmpeg and live555 do), not RFC 3986-resolved.
import { withoutCredentials } from './url.js';

export function resolveControl(control: string, base: string): string {
  const trimmed = control.trim();
  // A control with control characters could smuggle header lines into our request: ignore it.
  if (trimmed === '' || trimmed === '*' || hasControlCharacters(trimmed)) return base;
  if (/^rtsps?:\/\//i.test(trimmed)) return cleanUrl(trimmed) ?? base;
  if (trimmed.startsWith('/')) {
    try {
      const url = new URL(base);
      return `${url.protocol}//${url.host}${trimmed.replace(/ /g, '%20')}`;
    } catch {
      return base;
    }
  }
  return `${base.endsWith('/') ? base : `${base}/`}${trimmed.replace(/ /g, '%20')}`;
}

/** The base URL from a DESCRIBE response's headers; only rtsp URLs are trusted. */
export function describeBase(requestUrl: string, contentBase?: string, contentLocation?: string): string {
  for (const candidate of [contentBase, contentLocation]) {
    const value = candidate?.trim();
    const clean = value && value.length <= 2048 && /^rtsps?:\/\/\S+$/i.test(value) ? cleanUrl(value) : undefined;
    if (clean) return clean;
  }
  return requestUrl;
}

/** A parsable URL without credentials, or undefined. */
function cleanUrl(value: string): string | undefined {
  return URL.canParse(value) ? withoutCredentials(value) : undefined;
}

function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
