// The permission and validity rules of setrlimit(2) and sethostname(2),
// checked against real Linux: a Python script makes the same calls as root
// (in a new UTS namespace, so the machine's name is untouched) and as an
// ordinary user (through libc, as Python's resource module turns errnos
// into ValueError), and the errno names must match the kernel's.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { Resource } from '../../../src/kernel/abi/resource.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { child, user, world } from '../proc/support.ts';
import { sys, systemTable } from './support.ts';

/** Each step: who, what, and its arguments; Linux and bocal must give the same errno name. */
const steps: [who: 'root' | 'user', call: string, ...args: (number | string)[]][] = [
  ['root', 'sethostname', 'x'.repeat(64)],
  ['root', 'sethostname', 'x'.repeat(65)],
  ['root', 'setrlimit', Resource.RLIMIT_NOFILE, 1024, 4096],
  ['root', 'setrlimit', Resource.RLIMIT_NOFILE, 1024, 1_048_577],
  ['root', 'setrlimit', Resource.RLIMIT_NOFILE, 5000, 4096],
  ['user', 'sethostname', 'x'],
  ['user', 'setrlimit', Resource.RLIMIT_NOFILE, 1024, 8192],
  ['user', 'setrlimit', Resource.RLIMIT_NOFILE, 512, 2048],
  ['user', 'setrlimit', Resource.RLIMIT_NOFILE, 600, 4096],
  ['user', 'setrlimit', Resource.RLIMIT_NOFILE, 100, 2048],
  ['user', 'setrlimit', Resource.RLIMIT_STACK, 1 << 20, 1 << 22],
  ['user', 'setrlimit', Resource.RLIMIT_STACK, 1 << 20, 1 << 23],
];

const script = `
import ctypes, errno, json, os, sys
libc = ctypes.CDLL(None, use_errno=True)
out = []
dropped = False
for who, call, *args in json.loads(sys.argv[1]):
    if who == 'user' and not dropped:
        os.setgid(65534); os.setuid(65534); dropped = True
    try:
        if call == 'sethostname':
            name = args[0].encode()
            if libc.sethostname(name, len(name)) != 0:
                raise OSError(ctypes.get_errno(), '')
        else:
            limit = (ctypes.c_ulong * 2)(args[1], args[2])
            if libc.setrlimit(args[0], limit) != 0:
                raise OSError(ctypes.get_errno(), '')
        out.append('OK')
    except OSError as e:
        out.append(errno.errorcode[e.errno])
print(json.dumps(out))
`;

function onLinux(): string[] {
  try {
    const output = execFileSync(
      'unshare',
      ['--uts', 'python3', '-c', script, JSON.stringify(steps)],
      { encoding: 'utf8' },
    );
    return JSON.parse(output) as string[];
  } catch (error) {
    throw new Error(
      `this test runs python3 under unshare(1) as root to ask real Linux: ${String(error)}`,
      { cause: error },
    );
  }
}

const names: Partial<Record<number, string>> = {
  [Errno.SUCCESS]: 'OK',
  [Errno.EPERM]: 'EPERM',
  [Errno.EINVAL]: 'EINVAL',
};

describe('setrlimit and sethostname rules, against Linux', () => {
  it('give the same errno for each step as Linux', async () => {
    const linux = onLinux();
    const { table: processes, init } = world();
    const table = systemTable();
    const root = child(processes, init);
    const nobody = child(processes, init, user(65534));
    // Start from the limits the script starts with, as python3 inherited them.
    nobody.limits.set(Resource.RLIMIT_NOFILE, { soft: 1024n, hard: 4096n });
    nobody.fds.limit = 1024;
    const bocal: string[] = [];
    for (const [who, call, ...args] of steps) {
      const caller = who === 'root' ? root : nobody;
      const reply =
        call === 'sethostname'
          ? await sys(table, caller, Sys.SETHOSTNAME, [], new TextEncoder().encode(String(args[0])))
          : await sys(table, caller, Sys.PRLIMIT, [
              Number(args[0]),
              1,
              Number(args[1]),
              Number(args[2]),
            ]);
      bocal.push(names[reply.errno] ?? `errno ${reply.errno}`);
    }
    expect(bocal).toEqual(linux);
  });
});
