// The compiled images the kernel has had from its host, by program key and
// memory limit. The host caches its modules too, but it needs the program's
// bytes to be asked; with this cache a program started again (the common
// case: the same box for every command) is not read from its file at all.
// The key changes when the file does (find-program.ts), as the host's does.
import type { ProcessHost, ProgramImage } from '../host.ts';
import type { FoundProgram } from './find-program.ts';

export class ProgramImages {
  private readonly images = new Map<string, ProgramImage>();

  constructor(private readonly host: ProcessHost) {}

  async load(program: FoundProgram, memoryLimit: number): Promise<ProgramImage> {
    const key = `${program.key}\0${memoryLimit}`;
    const cached = this.images.get(key);
    if (cached) return cached;
    const image = await this.host.load(await program.read(), program.key, { memoryLimit });
    this.images.set(key, image);
    return image;
  }
}
