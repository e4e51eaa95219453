// <bocal-terminal> on the playground page, in real Chromium: keys typed
// into xterm.js reach the shell on the kernel's console, the echo and the
// command's output are drawn on the screen, and resizing the element
// resizes the console.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { usePageTerminal } from '../support/page-terminal.ts';

const consoleSize = (page: Page) =>
  page.evaluate(() => document.querySelector('bocal-terminal')!.kernel!.consoleSize());

const terminalSize = (page: Page) =>
  page.evaluate(() => {
    const term = document.querySelector('bocal-terminal')!.terminal!;
    return { rows: term.rows, columns: term.cols };
  });

describe('<bocal-terminal> on the playground page', () => {
  const terminal = usePageTerminal();

  it('boots box and a shell on the console', async () => {
    const { page } = terminal;
    const status = page.locator('bocal-terminal #status');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/on the console/);
    expect(await status.textContent()).toMatch(/\bsh\b.*; \d+ commands in \/bin/);
  });

  it('shows the echo of a typed line and what the command printed', async () => {
    const { page } = terminal;
    // The login shell prompts once /etc/profile has run: typed earlier, the
    // echo would mix with the prompt, as on any terminal.
    await expect.poll(terminal.screen, { timeout: 15_000 }).toMatch(/[$#] $/m);
    await terminal.type('echo hello from xterm | wc -c');
    // An interactive sh runs the line at Enter; a plain one at end of file (^D).
    const status = await page.locator('bocal-terminal #status').textContent();
    if (status?.includes('press ^D')) await page.keyboard.press('Control+d');
    await expect
      .poll(terminal.screen, { timeout: 15_000 })
      .toMatch(/^(.*[$#] )?echo hello from xterm \| wc -c$/m);
    await expect.poll(terminal.screen, { timeout: 15_000 }).toMatch(/^(.*[$#] )?17$/m);
  });

  it('fits to its box and gives the console the new size', async () => {
    const { page } = terminal;
    const before = await terminalSize(page);
    expect(await consoleSize(page)).toEqual(before);
    await page.evaluate(() => {
      const element = document.querySelector('bocal-terminal')!;
      element.style.width = '420px';
      element.style.setProperty('--bocal-terminal-height', '160px');
    });
    await expect.poll(() => terminalSize(page)).not.toEqual(before);
    const after = await terminalSize(page);
    expect(after.columns).toBeLessThan(before.columns);
    expect(after.rows).toBeLessThan(before.rows);
    await expect.poll(() => consoleSize(page)).toEqual(after);
  });

  it('leaves the other elements of the page working', async () => {
    const { page } = terminal;
    await expect
      .poll(() => page.locator('bocal-runner #status').textContent(), { timeout: 20_000 })
      .toContain('exit status 2');
  });
});
