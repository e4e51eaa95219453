// ip (box) against Debian's iproute2 in a fresh network namespace: each
// script runs under `unshare -n sh -c` natively (util-linux unshare, the
// host's dash and /usr/bin/ip) and on bocal (box's unshare, sh and ip), and
// stdout, stderr and the exit status must be equal. A new namespace has
// only lo, down; `ip link set dev lo up` gives it 127.0.0.1/8 and ::1 and
// the local table's routes, on both; /proc/net/dev and if_inet6 follow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BoxKernel, ENV } from '../support/box.ts';

const scripts: string[] = [
  'ip addr',
  'ip link',
  'ip link show',
  'ip route',
  'ip -o link',
  'ip -o addr',
  'ip -br addr',
  'ip -br link',
  'ip -4 addr',
  'ip addr show dev lo',
  'ip link show lo',
  'ip link set dev lo up; ip addr',
  'ip link set lo up && ip link',
  'ip link set dev lo up; ip -o addr; ip -br addr; ip -br link; ip -o link',
  'ip link set dev lo up; ip -4 addr; ip -6 addr; ip -4 -o a; ip -br -6 addr',
  'ip link set dev lo up; ip route; ip route show table local; ip route show table all',
  'ip link set dev lo up; ip -6 route show table local; ip route list table main',
  'ip link set dev lo up; ip link set dev lo down; ip addr; ip route show table local',
  'ip link set dev lo up; ip a s lo; ip addr show up; ip link show up',
  'ip link set lo; echo $?',
  'ip link set dev eth0 up',
  'ip addr show dev eth0',
  'ip link show eth0',
  'ip link set dev lo sideways',
  'ip foo',
  'ip -x addr',
  // /proc/net is the reader's namespace's.
  'cat /proc/net/dev /proc/net/if_inet6',
  'ip link set dev lo up; cat /proc/net/dev /proc/net/if_inet6 /proc/self/net/if_inet6',
  // A namespace made inside is another one: bringing its lo up changes nothing here.
  'unshare -n ip link set dev lo up; ip -br link',
];

function native(script: string): { stdout: string; stderr: string; status: number } {
  const result = spawnSync('unshare', ['-n', 'sh', '-c', script], { env: ENV, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status ?? 128 };
}

describe('ip in a new network namespace, compared with iproute2 on Linux', () => {
  const box = new BoxKernel();
  beforeAll(async () => {
    if (spawnSync('ip', ['-V']).status !== 0) {
      const install = spawnSync('apt-get', ['install', '-y', 'iproute2'], { stdio: 'inherit' });
      if (install.status !== 0)
        throw new Error('iproute2 is needed as the reference and could not be installed');
    }
    await box.install(['sh', 'unshare', 'ip', 'cat']);
  });
  afterAll(() => box.shutdown());

  for (const script of scripts) {
    it(script, async () => {
      const expected = native(script);
      const actual = await box.run(['unshare', '-n', 'sh', '-c', script], '/');
      expect(actual).toEqual(expected);
    });
  }

  it('shows lo up in the initial namespace, as a booted host has it', async () => {
    const result = await box.run(['ip', '-br', 'addr'], '/');
    expect(result).toEqual({
      stdout: 'lo               UNKNOWN        127.0.0.1/8 ::1/128 \n',
      stderr: '',
      status: 0,
    });
  });
});
