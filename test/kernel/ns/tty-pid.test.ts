// The terminal's foreground group and session through ioctl, as the
// caller's pid namespace numbers them (TIOCGPGRP, TIOCSPGRP, TIOCGSID).
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { CLONE_NEWPID } from '../../../src/kernel/abi/mount-flags.ts';
import { TIOCGPGRP, TIOCGSID, TIOCSPGRP } from '../../../src/kernel/abi/termios.ts';
import { createNamespaces, installNamespaces } from '../../../src/kernel/ns/create.ts';
import { setpgid } from '../../../src/kernel/proc/groups.ts';
import { ConsoleWorld, int, intOf } from '../tty/kernel-support.ts';

describe('terminal ids in a pid namespace', () => {
  it('a job in a child pid namespace sees its own group as 1 and the session led outside as 0', async () => {
    const world = new ConsoleWorld();
    const shell = world.fork();
    world.console.attach(shell);
    installNamespaces(shell, createNamespaces(shell, CLONE_NEWPID, false));
    const job = world.fork(shell);
    setpgid(world.table, shell, job.pid, 0);
    expect((await world.ioctl(shell, 0, TIOCSPGRP, int(job.pid))).errno).toBe(Errno.SUCCESS);
    expect(intOf((await world.ioctl(shell, 0, TIOCGPGRP, int(0))).output)).toBe(job.pid);
    expect(intOf((await world.ioctl(job, 0, TIOCGPGRP, int(0))).output)).toBe(1);
    expect(intOf((await world.ioctl(job, 0, TIOCGSID, int(0))).output)).toBe(0);
    // The shell's group cannot be named from inside: ESRCH, as an unknown group.
    expect((await world.ioctl(job, 0, TIOCSPGRP, int(shell.pid))).errno).toBe(Errno.ESRCH);
    expect((await world.ioctl(job, 0, TIOCSPGRP, int(1))).errno).toBe(Errno.SUCCESS);
  });
});
