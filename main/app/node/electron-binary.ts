import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const electronPackage = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../node_modules/electron');

/**
 * The Electron binary, if it has been downloaded. Read from the package's files rather than by
 * require('electron'), which since Electron 45 starts a download when the binary is missing.
 */
export function findElectronBinary(): string | undefined {
  try {
    const relative = fs.readFileSync(path.join(electronPackage, 'path.txt'), 'utf8').trim();
    const binary = path.join(electronPackage, 'dist', relative);
    return relative && fs.existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}
