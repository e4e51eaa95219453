// The shell's line editor in the page's terminal, in real Chromium: keys go
// from xterm.js (its own escape sequences for the arrows) through the
// kernel's tty to the host's interactive shell, which recalls the previous
// command on the up arrow and runs it again on Enter; vi edits a file
// with the same keys.
import { describe, expect, it } from 'vitest';
import { usePageTerminal } from '../support/page-terminal.ts';

describe('line editing and vi in the page terminal', () => {
  const terminal = usePageTerminal();
  const keyboard = () => terminal.page.keyboard;

  /** How many rows show exactly `text`. */
  const rowsShowing = async (text: string) =>
    (await terminal.screen()).split('\n').filter((row) => row.trimEnd() === text).length;

  it('the up arrow recalls the previous command and Enter runs it again', async () => {
    // The host's login shell prompts (its prompt ends in "# " for root).
    await expect.poll(terminal.screen, { timeout: 60_000 }).toMatch(/# $/m);
    await terminal.type('echo recalled-$((6 * 7))');
    await expect.poll(() => rowsShowing('recalled-42'), { timeout: 30_000 }).toBe(1);
    await keyboard().press('ArrowUp');
    // The recalled line is shown after the new prompt, then runs.
    await expect
      .poll(terminal.screen, { timeout: 15_000 })
      .toMatch(/recalled-42\n.*# echo recalled-\$\(\(6 \* 7\)\)$/m);
    await keyboard().press('Enter');
    await expect.poll(() => rowsShowing('recalled-42'), { timeout: 30_000 }).toBe(2);
  });

  it('vi edits a file with the keys xterm.js sends (a lone Escape leaves insert mode)', async () => {
    await keyboard().type('vi /tmp/typed.txt');
    await keyboard().press('Enter');
    await expect.poll(terminal.screen, { timeout: 30_000 }).toContain('"/tmp/typed.txt" [New]');
    await keyboard().type('ifirst line');
    await keyboard().press('Enter');
    await keyboard().type('second');
    await keyboard().press('Escape');
    await keyboard().press('ArrowUp');
    await keyboard().type('dd:wq');
    await keyboard().press('Enter');
    await keyboard().type('cat /tmp/typed.txt; echo end-of-file');
    await keyboard().press('Enter');
    await expect.poll(() => rowsShowing('end-of-file'), { timeout: 30_000 }).toBe(1);
    const rows = (await terminal.screen()).split('\n').map((row) => row.trimEnd());
    expect(rows.slice(rows.indexOf('end-of-file') - 1, rows.indexOf('end-of-file'))).toEqual([
      'second',
    ]);
  });
});
