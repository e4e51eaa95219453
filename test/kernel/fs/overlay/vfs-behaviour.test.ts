// The VFS behaviour suite (the one that runs on tmpfs and on real Linux) on
// an overlay root. The lower layer has files and directories at the names
// the scenarios use, all deleted through the overlay first, so every
// scenario runs over whiteouts: creating replaces them, a new directory is
// opaque (the lower `d` and `open` hold names the scenarios' listings would
// show otherwise).
import { describe, expect, it } from 'vitest';
import { scenarios } from '../support/behaviour.ts';
import { KernelAdapter } from '../support/kernel-adapter.ts';
import { makeOverlaySystem } from './overlay-system.ts';

const LOWER = {
  '/a': 'lower a',
  '/b': 'lower b',
  '/d/': '',
  '/d/ghost': 'from the lower layer',
  '/open/': '',
  '/open/ghost': 'from the lower layer',
  '/link': '->a',
};

async function overlayAdapter(): Promise<KernelAdapter> {
  const system = makeOverlaySystem([LOWER]);
  const adapter = new KernelAdapter(system);
  expect(await adapter.readdir('.')).toEqual(['a', 'b', 'd', 'link', 'open']);
  for (const name of ['a', 'b', 'link']) await adapter.unlink(name);
  for (const name of ['d', 'open']) {
    await adapter.unlink(`${name}/ghost`);
    await adapter.rmdir(name);
  }
  expect(await adapter.readdir('.')).toEqual([]);
  return adapter;
}

describe('VFS behaviour on the kernel (overlay root over whiteouts)', () => {
  for (const scenario of scenarios) {
    it(scenario.name, async () => scenario.run(await overlayAdapter()));
  }
});

describe('VFS behaviour on the kernel (overlay root, empty lower)', () => {
  for (const scenario of scenarios) {
    it(scenario.name, () => scenario.run(new KernelAdapter(makeOverlaySystem([{ '/': '' }]))));
  }
});
