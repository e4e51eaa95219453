// Named volumes on the emulated kernel: one tmpfs per volume, kept while the
// runtime lives and mounted into each container that names it; its files
// become one byte string (the same change-set form as a writable layer) for
// the engine to keep in the image store, and are rebuilt from it.
import type { Clock } from '../../kernel/fs/filesystem.ts';
import {
  decodeChangeSet,
  encodeChangeSet,
  listUpper,
  restoreUpper,
} from '../../kernel/fs/overlay/change-set.ts';
import { Tmpfs } from '../../kernel/fs/tmpfs/tmpfs.ts';
import type { VolumeContents } from '../runtime.ts';

export class VolumeStore implements VolumeContents {
  private readonly volumes = new Map<string, Tmpfs>();

  constructor(private readonly clock: Clock) {}

  open(name: string, contents?: Uint8Array): void {
    if (this.volumes.has(name)) return;
    const fs = contents
      ? restoreUpper(decodeChangeSet(contents), { clock: this.clock })
      : new Tmpfs({ clock: this.clock, rootMode: 0o755 });
    this.volumes.set(name, fs);
  }

  /** The volume's filesystem (opened empty if need be). */
  filesystem(name: string): Tmpfs {
    this.open(name);
    return this.volumes.get(name)!;
  }

  contents(name: string): Uint8Array {
    return encodeChangeSet(listUpper(this.filesystem(name).root));
  }

  close(name: string): void {
    this.volumes.delete(name);
  }
}
