// Which pipe rings a process's worker may use directly, and through which
// fds. A worker receives the rings of the pipes its process holds when its
// program starts (a running worker cannot be sent memory: it never returns
// to its event loop); from then on the kernel keeps the worker's fd map
// (abi/channel.ts) in step with the fd table, so an fd closed, replaced or
// moved stops or starts using a ring at the next call. A pipe made or
// opened later is used through syscalls by this program, and directly by
// the programs it starts.
import { FD_MAP_FDS, fdMapEntry } from '../../abi/channel.ts';
import { RING_I32_READ_LOCK, RING_I32_WRITE_LOCK } from '../../abi/pipe-ring.ts';
import type { FdTable } from '../../proc/fd-table.ts';
import type { OpenFile } from '../open-file.ts';
import { PipeEnd } from './pipe-end.ts';
import type { PipeRing } from './ring.ts';
import { newRingToken, retireRingToken } from './ring-tokens.ts';

export class RingExport {
  /** The rings, in the order the worker gets them; fd map entries index this. */
  readonly buffers: SharedArrayBuffer[] = [];
  readonly token: number;
  private readonly rings: PipeRing[] = [];
  private readonly indexes = new Map<PipeRing, number>();
  private readonly listener = (fd: number, file: OpenFile | undefined): void => {
    this.note(fd, file, false);
    this.alsoTell?.(fd);
  };

  constructor(
    private readonly fds: FdTable,
    private readonly map: Int32Array,
    /** Also told of every change of the fd table (the read window: tmpfs/read-window.ts). */
    private readonly alsoTell?: (fd: number) => void,
  ) {
    this.token = newRingToken();
    map.fill(0);
    for (const fd of fds.fds()) this.note(fd, fds.get(fd), true);
    fds.onChange = this.listener;
  }

  /**
   * The program is gone: stop following the fd table, and let go of any
   * lock its worker held when it was killed in the middle of a copy (the
   * copied bytes were never published).
   */
  detach(): void {
    if (this.fds.onChange === this.listener) this.fds.onChange = undefined;
    retireRingToken(this.token);
    for (const ring of this.rings) {
      ring.unlock(RING_I32_WRITE_LOCK, this.token);
      ring.unlock(RING_I32_READ_LOCK, this.token);
      ring.signal();
    }
  }

  private note(fd: number, file: OpenFile | undefined, starting: boolean): void {
    if (fd < 0 || fd >= FD_MAP_FDS) return;
    if (!(file instanceof PipeEnd)) {
      this.map[fd] = 0;
      return;
    }
    const ring = file.pipe.ring;
    let index = this.indexes.get(ring);
    if (index === undefined) {
      if (!starting) {
        this.map[fd] = 0;
        return;
      }
      index = this.rings.length;
      this.rings.push(ring);
      this.buffers.push(ring.buffer);
      this.indexes.set(ring, index);
    }
    this.map[fd] = fdMapEntry(index, file.slot, file.readable, file.writable);
  }
}
