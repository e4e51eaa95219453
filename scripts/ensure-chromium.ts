// Makes sure browser tests have a Chromium to drive, installing one when it
// can (Debian as root: apt-get; elsewhere Playwright's installer), and
// otherwise failing with instructions. Browser tests are never skipped.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from '../test/support/chromium.ts';

function run(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    return true;
  } catch {
    return false;
  }
}

function install(): void {
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log("No Chromium found: installing Debian's chromium with apt-get.");
    if (run('apt-get', ['update', '-qq']) && run('apt-get', ['install', '-y', '-qq', 'chromium']))
      return;
  }
  console.log("No Chromium found: trying Playwright's installer.");
  run('npx', ['--yes', 'playwright-core', 'install', 'chromium']);
}

if (!findChromium()) install();
const found = findChromium();
if (!found) {
  console.error(
    'Browser tests need Chromium and none could be installed.\n' +
      'Install it (Debian: `sudo apt-get install chromium`) or set CHROME_PATH to a Chromium binary.',
  );
  process.exit(1);
}
console.log(`browser tests will use ${found}`);
