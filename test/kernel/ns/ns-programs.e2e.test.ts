// wasm/tests/ns_core.c and ns_mount.c end to end: natively as root on this machine's Linux
// (real namespaces: it unshares them itself) and as its WASI build on the
// bocal kernel; both must print the same lines, and every check must hold.
import { describe, expect, it } from 'vitest';
import { runNative, runOnBocal, scratchDirectories } from '../../support/native-vs-bocal.ts';

const scratch = scratchDirectories('bocal-ns-');

describe.each(['ns_core', 'ns_mount'])('%s', (program) => {
  it('prints on bocal what it prints on Linux', async () => {
    const nativeDir = scratch();
    const native = await runNative(program, (self) => [nativeDir, self], {
      rootFor: 'it makes real namespaces',
    });
    expect(native).not.toContain('-- expected');
    const bocalDir = scratch();
    const bocal = await runOnBocal(program, bocalDir, (self) => [bocalDir, self]);
    expect(bocal.stdout.split(bocalDir).join('<dir>')).toBe(native.split(nativeDir).join('<dir>'));
    expect(bocal.status).toBe(0);
  }, 60_000);
});
