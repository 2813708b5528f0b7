import fs from 'node:fs';
import { createRequire } from 'node:module';

/** The Electron binary when the `electron` package and its downloaded binary are present. */
export function findElectronBinary(): string | undefined {
  try {
    const binary: unknown = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}
