// hasStartSection tells the process host which modules an idle worker must
// not instantiate ahead: those whose start function runs at instantiation.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasStartSection } from '../../src/platform/start-section.ts';
import { wasmPath } from '../support/programs.ts';

const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const section = (id: number, content: number[]) => [id, content.length, ...content];
/** One function of type () -> (), its body empty. */
const oneFunction = [
  ...section(1, [0x01, 0x60, 0x00, 0x00]),
  ...section(3, [0x01, 0x00]),
  ...section(10, [0x01, 0x02, 0x00, 0x0b]),
];

describe('hasStartSection', () => {
  it('is false for the C programs we build, which have none', () => {
    for (const name of ['box', 'hello']) {
      expect(hasStartSection(readFileSync(wasmPath(name)))).toBe(false);
    }
  });

  it('finds a start section between the others, and none in a module without one', () => {
    const withStart = [
      ...oneFunction.slice(0, 10),
      ...section(8, [0x00]),
      ...oneFunction.slice(10),
    ];
    const modules = { withStart, without: oneFunction };
    for (const [name, sections] of Object.entries(modules)) {
      const bytes = new Uint8Array([...header, ...sections]);
      expect(WebAssembly.validate(bytes), name).toBe(true);
      expect(hasStartSection(bytes), name).toBe(name === 'withStart');
    }
  });

  it('says yes when it cannot read the module to its end', () => {
    expect(hasStartSection(new Uint8Array([...header, 0x01, 0x09, 0x01]))).toBe(true);
    expect(hasStartSection(new Uint8Array([...header, 0x01, 0xff]))).toBe(true);
  });
});
