// `bocal shell`: the emulated host booted in Node, as a user runs it. One
// command line with -c, commands on stdin (the course's chroot example
// among them), a login as the non-root user, and an interactive login
// shell on a real pseudo-terminal (python3's pty, as the tty tests use).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { wasmPath } from '../support/programs.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = `${root}bin/bocal.js`;
const osRelease = readFileSync(`${root}rootfs/host/tree/etc/os-release`, 'utf8');

function bocal(args: string[], input = '') {
  wasmPath('box'); // fails with "run `npm run build:wasm`" when missing
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    input,
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

describe('bocal shell', { timeout: 90_000 }, () => {
  it('runs one command line with -c as root on the host, and exits with its status', () => {
    expect(bocal(['shell', '-c', 'id; hostname; cat /etc/os-release'])).toEqual({
      stdout: `uid=0(root) gid=0(root) groups=0(root)\nbocal\n${osRelease}`,
      stderr: '',
      status: 0,
    });
    expect(bocal(['shell', '-c', 'echo $HOME $USER $LOGNAME $SHELL; pwd; exit 3'])).toEqual({
      stdout: '/root root root /bin/sh\n/root\n',
      stderr: '',
      status: 3,
    });
  });

  it('runs the course chroot example with commands on stdin: the shell inside sees only the tarball', () => {
    const script = [
      'mkdir -p /tmp/ctr-image && tar xf box-minirootfs.tar.gz -C /tmp/ctr-image && chroot /tmp/ctr-image /bin/sh',
      'ls /',
      'cd ..; cd ..; pwd; ls',
      'cat /etc/hostname /etc/passwd',
      'ls /home 2>&1',
      'exit 5',
      'echo "left the chroot with $?"; ls / | wc -l',
    ].join('\n');
    const result = bocal(['shell'], `${script}\n`);
    const tree = 'bin\ndev\netc\nproc\nroot\ntmp\n';
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      `${tree}/\n${tree}minirootfs\nroot:x:0:0:root:/root:/bin/sh\n` +
        "ls: cannot access '/home': No such file or directory\n" +
        'left the chroot with 5\n14\n',
    );
    expect(result.status).toBe(0);
  });

  it('logs in as the non-root user: uid 1000, its home, and no way into /root', () => {
    const result = bocal(
      ['shell', '--user', 'student'],
      'id\necho $HOME $USER; pwd\necho x > /root/file\necho "status $?"\nls /root\n',
    );
    expect(result.stdout).toBe(
      'uid=1000(student) gid=1000(student) groups=1000(student),100(users)\n' +
        '/home/student student\n/home/student\nstatus 2\n',
    );
    expect(result.stderr).toBe(
      "sh: cannot create /root/file: Permission denied\nls: cannot open directory '/root': Permission denied\n",
    );
    expect(result.status).toBe(2);
    expect(bocal(['shell', '-u', '1000', '-c', 'id -un; id -u']).stdout).toBe('student\n1000\n');
  });

  it('refuses an unknown user and a bad option', () => {
    expect(bocal(['shell', '-u', 'nosuch', '-c', 'true'])).toEqual({
      stdout: '',
      stderr: "bocal shell: user 'nosuch' does not exist\n",
      status: 1,
    });
    expect(bocal(['shell', '--frobnicate'])).toEqual({
      stdout: '',
      stderr: "bocal shell: unknown option --frobnicate\nSee 'bocal shell --help'.\n",
      status: 2,
    });
    expect(bocal(['shell', '-c'])).toMatchObject({ status: 2 });
    const help = bocal(['--help']);
    expect(help.stdout).toMatch(
      /^ {2}shell {7}Boot the emulated Linux host and open a shell on it$/m,
    );
    expect(bocal(['shell', '--help']).stdout).toMatch(/^Usage: {2}bocal shell /);
  });

  it('opens a login shell on a terminal: the motd, the prompt from /etc/profile (its escapes expanded), a command, exit', () => {
    const found = spawnSync('python3', ['--version']);
    if (found.status !== 0)
      throw new Error('python3 is missing: install it (apt-get install python3)');
    const steps = [
      { expect: 'root@bocal:~# ' },
      { send: 'tty; echo "[$PS1]"\r' },
      { expect: '[\\u@\\h:\\w\\$ ]\r\nroot@bocal:~# ' },
      { send: 'exit 4\r' },
    ];
    const output = execFileSync(
      'python3',
      [`${root}test/tty/pty-session.py`, JSON.stringify(steps), process.execPath, bin, 'shell'],
      { cwd: root, encoding: 'utf8', timeout: 60_000 },
    );
    const session = JSON.parse(output) as { screen: string; status: number; error: string | null };
    expect(session.error).toBeNull();
    expect(session.screen).toContain('an emulated Linux host');
    expect(session.screen).toMatch(/\/dev\/(console|tty\w*)\r\n/);
    expect(session.status).toBe(4);
  });
});
