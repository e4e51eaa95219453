// Finds the Chromium that browser tests drive: $CHROME_PATH, Debian's
// /usr/bin/chromium, or a browser installed by Playwright's own installer.
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function findChromium(): string | undefined {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const candidate of candidates) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  const playwrightCache = join(homedir(), '.cache', 'ms-playwright');
  if (existsSync(playwrightCache)) {
    for (const dir of readdirSync(playwrightCache)
      .filter((d) => d.startsWith('chromium'))
      .sort()
      .reverse()) {
      const binary = join(playwrightCache, dir, 'chrome-linux', 'chrome');
      if (existsSync(binary)) return binary;
    }
  }
  return undefined;
}

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
