// The controlling terminal rules with processes of the table: who acquires
// the console by opening it, /dev/tty, inheritance, setsid, the leader's
// exit and a hangup, and the signal characters reaching the foreground.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { SIG_IGN, Signal } from '../../../src/kernel/abi/signals.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { TIOCNOTTY } from '../../../src/kernel/abi/termios.ts';
import { WIFSIGNALED, WTERMSIG } from '../../../src/kernel/abi/wait-status.ts';
import { exitProcess } from '../../../src/kernel/proc/exit.ts';
import { setpgid, setsid } from '../../../src/kernel/proc/groups.ts';
import { ProcessState, type Process } from '../../../src/kernel/proc/process.ts';
import { decodeUtf8 } from '../../../src/kernel/utf8.ts';
import { ConsoleWorld } from './kernel-support.ts';

const killedBy = (process: Process): number | undefined =>
  process.state === ProcessState.Zombie && WIFSIGNALED(process.exitStatus ?? 0)
    ? WTERMSIG(process.exitStatus ?? 0)
    : undefined;

function leader(world: ConsoleWorld): Process {
  const process = world.fork();
  setsid(world.table, process);
  return process;
}

describe('controlling terminal', () => {
  it('does a session leader opening /dev/console acquire it, with its group in the foreground?', async () => {
    const world = new ConsoleWorld();
    const shell = leader(world);
    expect(await world.open(shell, 'dev/tty')).toBe(Errno.ENXIO);
    expect(typeof (await world.open(shell, 'dev/console'))).toBe('number');
    expect(world.console.tty.session).toBe(shell.pid);
    expect(world.console.tty.foregroundGroup).toBe(shell.pid);
    expect(typeof (await world.open(shell, 'dev/tty'))).toBe('number');
  });

  it('does a process that leads no session open the console without acquiring it?', async () => {
    const world = new ConsoleWorld();
    const child = world.fork();
    expect(typeof (await world.open(child, 'dev/console'))).toBe('number');
    expect(world.console.tty.session).toBeUndefined();
    expect(await world.open(child, 'dev/tty')).toBe(Errno.ENXIO);
  });

  it('does a second session leader leave the console to the first?', async () => {
    const world = new ConsoleWorld();
    const first = leader(world);
    await world.open(first, 'dev/console');
    const second = leader(world);
    expect(typeof (await world.open(second, 'dev/console'))).toBe('number');
    expect(world.console.tty.session).toBe(first.pid);
    expect(await world.open(second, 'dev/tty')).toBe(Errno.ENXIO);
  });

  it('do children inherit the controlling terminal, and does setsid detach from it?', async () => {
    const world = new ConsoleWorld();
    const shell = world.fork();
    world.console.attach(shell);
    const child = world.fork(shell);
    expect(typeof (await world.open(child, 'dev/tty'))).toBe('number');
    expect((await world.sys(child, Sys.SETSID)).errno).toBe(Errno.SUCCESS);
    expect(await world.open(child, 'dev/tty')).toBe(Errno.ENXIO);
    expect(world.console.tty.session).toBe(shell.pid);
  });

  it('does TIOCNOTTY by the leader give the terminal up for the whole session?', async () => {
    const world = new ConsoleWorld();
    const shell = world.fork();
    world.console.attach(shell);
    // As on Linux, the foreground group (the shell's own here) gets SIGHUP.
    shell.signals.setAction(Signal.SIGHUP, { handler: SIG_IGN, mask: 0, flags: 0 });
    const child = world.fork(shell);
    expect((await world.ioctl(shell, 0, TIOCNOTTY)).errno).toBe(Errno.SUCCESS);
    expect(world.console.tty.session).toBeUndefined();
    expect(await world.open(child, 'dev/tty')).toBe(Errno.ENXIO);
    expect(await world.open(shell, 'dev/tty')).toBe(Errno.ENXIO);
  });

  it('does the leader’s exit send SIGHUP to the foreground group and free the terminal?', async () => {
    const world = new ConsoleWorld();
    const shell = world.fork();
    world.console.attach(shell);
    const job = world.fork(shell);
    setpgid(world.table, shell, job.pid, 0);
    world.console.tty.foregroundGroup = job.pid;
    const background = world.fork(shell);
    exitProcess(world.table, shell, 0);
    expect(killedBy(job)).toBe(Signal.SIGHUP);
    expect(background.state).not.toBe(ProcessState.Zombie);
    expect(world.console.tty.session).toBeUndefined();
    expect(await world.open(background, 'dev/tty')).toBe(Errno.ENXIO);
    // A new session leader can now take the console.
    const next = leader(world);
    await world.open(next, 'dev/console');
    expect(world.console.tty.session).toBe(next.pid);
  });

  it('does a hangup from the host send SIGHUP to the session, and end reads with EOF?', async () => {
    const world = new ConsoleWorld();
    const shell = world.fork();
    const sleeper = world.fork();
    world.console.attach(shell);
    sleeper.fds.set(0, shell.fds.get(0));
    const read = world.sys(sleeper, Sys.FD_READ, [0, 10]);
    world.console.hangup();
    expect(killedBy(shell)).toBe(Signal.SIGHUP);
    const outcome = await read;
    expect(outcome.errno).toBe(Errno.SUCCESS);
    expect(outcome.output.length).toBe(0);
  });

  it('does a line typed on the console reach a read, echoed, and ^C kill the foreground?', async () => {
    const world = new ConsoleWorld();
    const shell = world.fork();
    world.console.attach(shell);
    const read = world.sys(shell, Sys.FD_READ, [0, 100]);
    world.console.input(new TextEncoder().encode('ls -l\r'));
    expect(decodeUtf8((await read).output)).toBe('ls -l\n');
    expect(world.screen).toBe('ls -l\r\n');
    const blocked = world.sys(shell, Sys.FD_READ, [0, 100]);
    world.console.input(Uint8Array.of(0x03));
    expect(killedBy(shell)).toBe(Signal.SIGINT);
    expect(world.screen).toBe('ls -l\r\n^C');
    await blocked;
  });

  it('does a background job reading the console get SIGTTIN and stop?', async () => {
    const world = new ConsoleWorld();
    const shell = world.fork();
    world.console.attach(shell);
    const job = world.fork(shell);
    setpgid(world.table, shell, job.pid, 0);
    const outcome = await world.sys(job, Sys.FD_READ, [0, 10]);
    expect(outcome.errno).toBe(Errno.EINTR);
    expect(job.state).toBe(ProcessState.Stopped);
  });

  it('does output written before the host listens reach the first listener?', async () => {
    const world = new ConsoleWorld({ listen: false });
    const program = world.fork();
    world.console.attach(program);
    await world.sys(program, Sys.FD_WRITE, [1], 'early\n');
    let shown = '';
    const stop = world.console.onOutput((bytes) => (shown += decodeUtf8(bytes)));
    expect(shown).toBe('early\r\n');
    await world.sys(program, Sys.FD_WRITE, [1], 'late\n');
    stop();
    await world.sys(program, Sys.FD_WRITE, [1], 'unheard\n');
    expect(shown).toBe('early\r\nlate\r\n');
  });
});
