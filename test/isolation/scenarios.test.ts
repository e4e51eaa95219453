// Emulated versus real (issue #5, part 5): every scenario of scenarios.ts
// runs on real Linux and on bocal, and the normalised outputs must be equal
// (normalise.ts says what is normalised and why). A scenario with a `gap`
// is expected to differ, for the reason docs/isolation.md gives; it is
// `it.fails`, so closing the gap turns it red until the entry is removed.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BocalSide } from './bocal-side.ts';
import { normalise } from './normalise.ts';
import { ensureRealTools, newScratch, runReal } from './real-linux.ts';
import { scenarios } from './scenarios.ts';

describe('isolation scenarios, bocal against real Linux', () => {
  let bocal: BocalSide | undefined;
  beforeAll(() => ensureRealTools());
  afterEach(async () => {
    await bocal?.shutdown();
    bocal = undefined;
  });

  for (const scenario of scenarios) {
    const test = scenario.gap ? it.fails : it;
    test(scenario.name, { timeout: 120_000 }, async () => {
      const scratch = newScratch();
      const real = normalise(runReal(scenario.script, scratch, !!scenario.chrootTree), scratch);
      bocal = new BocalSide();
      await bocal.install();
      const ours = normalise(
        await bocal.run(scenario.script, scratch, !!scenario.chrootTree),
        scratch,
      );
      const shown = JSON.stringify(real);
      for (const piece of scenario.realShows ?? []) expect(shown).toContain(piece);
      expect(ours).toEqual(real);
    });
  }
});
