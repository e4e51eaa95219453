// nc (box) against Debian's netcat-openbsd: each script runs in a fresh
// network namespace with lo up, under `unshare -n sh -c` natively (the
// host's dash and /bin/nc) and on bocal (box's unshare, sh, ip and nc);
// stdout, stderr and the exit status must be equal. Servers run in the
// background; a script waits for a listener by watching /proc/net/tcp or
// udp for its port, which both kernels list the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BoxKernel, ENV } from '../../support/box.ts';

/** Shell functions the scripts share: wait for a TCP listener (T HEXPORT) or a UDP socket (U HEXPORT). */
const PRELUDE = [
  'ip link set lo up',
  'T() { until grep -q ":$1 00000000:0000 0A" /proc/net/tcp; do sleep 0.05; done; }',
  'U() { until grep -q ":$1 " /proc/net/udp; do sleep 0.05; done; }',
  'f=/tmp/nc-test-$$',
].join('; ');

const scripts: string[] = [
  // Errors and usage.
  'nc 127.0.0.1 8080; echo $?',
  'nc -v 127.0.0.1 8080; echo $?',
  'nc -zv 127.0.0.1 8080; echo $?',
  'nc; echo $?',
  'nc localhost; echo $?',
  'nc -l; echo $?',
  'nc 127.0.0.1 99999; echo $?',
  'nc 127.0.0.1 ab; echo $?',
  'nc -w x 127.0.0.1 1; echo $?',
  'nc -q x 127.0.0.1 1; echo $?',
  'nc -y 127.0.0.1 1; echo $?',
  'nc -p; echo $?',
  // A line from a client to a server; -N ends the connection when stdin ends.
  'nc -l -p 8080 > $f & T 1F90; echo hi | nc -N 127.0.0.1 8080; echo "client $?"; wait $!; echo "server $?"; cat $f; rm $f',
  // The other way: the server sends, the client (no -N) reads until the server is done.
  'echo from-server | nc -N -l 8080 & T 1F90; nc localhost 8080 < /dev/null; echo "client $?"; wait',
  // -z connects and closes; the listener sees an empty connection and ends.
  'nc -l 8080 & T 1F90; nc -z 127.0.0.1 8080; echo "scan $?"; wait $!; echo "server $?"',
  // The listener as /proc/net/tcp shows it (inode and pointer columns left out).
  "nc -l 8080 & T 1F90; awk 'NR > 1 { print $1, $2, $3, $4, $5, $6, $7, $8, $9 }' /proc/net/tcp; nc -z 127.0.0.1 8080; wait",
  // A connection from a fixed source port, both ends as /proc/net/tcp shows them (sorted:
  // Linux walks its established hash in hash order). The queue column is left out: the
  // listener's shows 1 until nc -l gets round to accepting, a race on both systems.
  "nc -l 8080 & s=$!; T 1F90; nc -p 5000 127.0.0.1 8080 & c=$!; until grep -q ' 01 ' /proc/net/tcp; do sleep 0.05; done; awk 'NR > 1 { print $2, $3, $4, $6, $7, $8, $9 }' /proc/net/tcp | sort; kill $s $c",
  // A UDP socket in /proc/net/udp (its sl is a hash slot salted per namespace: left out).
  "nc -u -l 9000 & U 2328; awk 'NR > 1 { print $2, $3, $4, $5, $6, $7, $8, $9 }' /proc/net/udp; kill $!",
  // UDP: a datagram to a listener.
  'nc -u -l 9000 > $f & U 2328; echo dgram | nc -u -q 0 127.0.0.1 9000; until [ -s $f ]; do sleep 0.05; done; kill $!; cat $f; rm $f',
  // Another namespace reaches nothing here: no route while its lo is down.
  'nc -l 8080 & T 1F90; unshare -n nc 127.0.0.1 8080; echo "other namespace $?"; nc -z 127.0.0.1 8080; wait',
];

function native(script: string): { stdout: string; stderr: string; status: number } {
  const result = spawnSync('unshare', ['-n', 'sh', '-c', `${PRELUDE}; ${script}`], {
    env: ENV,
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status ?? 128 };
}

describe('nc in a new network namespace, compared with netcat-openbsd on Linux', () => {
  const box = new BoxKernel();
  beforeAll(async () => {
    if (spawnSync('nc', ['-h']).error) {
      const install = spawnSync('apt-get', ['install', '-y', 'netcat-openbsd'], {
        stdio: 'inherit',
      });
      if (install.status !== 0)
        throw new Error('netcat-openbsd is needed as the reference and could not be installed');
    }
    await box.install(['sh', 'unshare', 'ip', 'nc', 'cat', 'grep', 'sleep', 'awk', 'rm', 'sort']);
  }, 120_000);
  afterAll(() => box.shutdown());

  for (const script of scripts) {
    it(
      script,
      async () => {
        const expected = native(script);
        const actual = await box.run(['unshare', '-n', 'sh', '-c', `${PRELUDE}; ${script}`], '/');
        expect(actual).toEqual(expected);
      },
      30_000,
    );
  }
});
