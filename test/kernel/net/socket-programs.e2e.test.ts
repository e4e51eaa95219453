// wasm/tests/sock_*.c end to end: natively on this machine's Linux inside a
// fresh network namespace with lo up (`unshare -n`, as root), and as their
// WASI builds on bocal, whose initial namespace has lo up; both must print
// the same lines, and every check must hold. argv: scratch dir, own path.
import { describe, expect, it } from 'vitest';
import { runNative, runOnBocal, scratchDirectories } from '../../support/native-vs-bocal.ts';

const scratch = scratchDirectories('bocal-sock-');
const loUp = ['unshare', '-n', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"'];

describe.each(['sock_tcp', 'sock_udp', 'sock_unix', 'sock_netns'])('%s', (program) => {
  it('prints on bocal what it prints on Linux, every check holding', async () => {
    const nativeDir = scratch();
    const native = await runNative(program, (self) => [nativeDir, self], {
      wrapper: loUp,
      rootFor: 'unshare -n',
      timeout: 30_000,
    });
    expect(native).not.toContain('-- expected');
    const bocalDir = scratch();
    const bocal = await runOnBocal(program, bocalDir, (self) => [bocalDir, self]);
    expect(bocal.stdout).toBe(native);
    expect(bocal.status).toBe(0);
  }, 120_000);
});
