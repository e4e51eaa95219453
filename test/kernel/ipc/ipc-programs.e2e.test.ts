// wasm/tests/ipc_*.c end to end: natively on this machine's Linux inside
// `unshare -i` (a fresh IPC namespace, so ids start from 0 as on a fresh
// bocal kernel) and as their WASI builds on bocal; both must print the
// same lines. argv[1] is the program's own path, to run itself as a child.
import { describe, expect, it } from 'vitest';
import { runNative, runOnBocal } from '../../support/native-vs-bocal.ts';

describe.each(['ipc_msg', 'ipc_sem', 'ipc_shm'])('%s', (program) => {
  it('prints on bocal what it prints on Linux', async () => {
    const native = await runNative(program, (self) => [self], {
      wrapper: ['unshare', '-i'],
      rootFor: 'unshare -i',
    });
    expect(native).toMatch(/IPC_RMID[^\n]*: 0 \n/);
    const bocal = await runOnBocal(program, '', (self) => [self]);
    expect(bocal.stdout).toBe(native);
    expect(bocal.status).toBe(0);
  }, 60_000);
});
