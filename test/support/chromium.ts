// Debian's Chromium driven by Playwright's library (never a downloaded browser).
import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** `extraArgs`: more switches (the calls bench gives its own fake camera file). */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Loopback-only machines gather no ICE candidates without these two.
      '--allow-loopback-in-peer-connection',
      '--use-fake-ui-for-media-stream',
      // Call boxes and consoles send a synthetic camera and a beeping microphone.
      '--use-fake-device-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
      ...extraArgs,
    ],
  });
}
