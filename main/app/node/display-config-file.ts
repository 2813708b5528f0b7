// Reads `<userData>/displays.json`. A missing file is written with the default (so an installer
// finds it there to edit); an unreadable or invalid one is reported and the default used, and
// the file is left alone for the installer to fix.
import fs from 'node:fs';
import path from 'node:path';
import { defaultDisplayConfig, DisplayConfig } from '../common/display-config.js';

export interface DisplayConfigRead {
  config: DisplayConfig;
  /** Why the default is in use although a file exists. */
  problem?: string;
}

export function readDisplayConfig(file: string): DisplayConfigRead {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return { config: defaultDisplayConfig, problem: String(error) };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Owner-only: a kiosk's entry holds its box key.
    fs.writeFileSync(file, `${JSON.stringify(defaultDisplayConfig, null, 2)}\n`, { mode: 0o600 });
    return { config: defaultDisplayConfig };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { config: defaultDisplayConfig, problem: `${file} is not JSON: ${(error as Error).message}` };
  }
  const parsed = DisplayConfig.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { config: defaultDisplayConfig, problem: `${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}` };
  }
  return { config: parsed.data };
}
