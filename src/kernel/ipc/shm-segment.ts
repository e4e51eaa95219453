// A System V shared memory segment (Linux's shmid_kernel) and shmget(2).
// bocal cannot map one piece of memory into several WebAssembly instances,
// so the segment's bytes live here, in the kernel, and each attachment is a
// copy in the program's own memory that its C library exchanges with this
// one at sync points (docs/abi.md, "copy-based"). Pages are allocated when
// first written, as tmpfs does, so a large segment costs nothing until used.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import type { IpcNamespace } from '../ns/ipc.ts';
import type { Process } from '../proc/process.ts';
import { IpcObject } from './ipc-object.ts';
import { PAGE_SIZE, SHMMIN } from './limits.ts';

export class ShmSegment extends IpcObject {
  /** Bytes written so far, by page index; a missing page reads as zeros. */
  private readonly pages = new Map<number, Uint8Array>();
  size = 0;
  atime = 0;
  dtime = 0;
  /** Global pids of the creator and of the last shmat/shmdt. */
  cpid = 0;
  lpid = 0;
  nattch = 0;
  /** Bumped by every write: a caller that saw this version has nothing new to read. */
  version = 0;

  get pageCount(): number {
    return Math.ceil(this.size / PAGE_SIZE);
  }

  /** Pages that hold data (shm_rss). */
  get residentPages(): number {
    return this.pages.size;
  }

  read(offset: number, length: number): Uint8Array {
    const end = Math.min(this.size, offset + length);
    const bytes = new Uint8Array(Math.max(0, end - offset));
    for (let at = offset; at < end;) {
      const index = Math.floor(at / PAGE_SIZE);
      const start = at - index * PAGE_SIZE;
      const count = Math.min(PAGE_SIZE - start, end - at);
      const page = this.pages.get(index);
      if (page) bytes.set(page.subarray(start, start + count), at - offset);
      at += count;
    }
    return bytes;
  }

  write(offset: number, bytes: Uint8Array): void {
    if (offset + bytes.length > this.size) fail(Errno.EINVAL);
    for (let done = 0; done < bytes.length;) {
      const at = offset + done;
      const index = Math.floor(at / PAGE_SIZE);
      const start = at - index * PAGE_SIZE;
      const count = Math.min(PAGE_SIZE - start, bytes.length - done);
      let page = this.pages.get(index);
      if (!page) {
        page = new Uint8Array(PAGE_SIZE);
        this.pages.set(index, page);
      }
      page.set(bytes.subarray(done, done + count), start);
      done += count;
    }
  }
}

/** Pages of every segment in `ns` (shm_tot, checked against shmall). */
export function totalPages(ns: IpcNamespace): number {
  return ns.shm.list().reduce((sum, segment) => sum + segment.pageCount, 0);
}

/** Implements shmget(2), with newseg's and shm_more_checks' errors in Linux's order. */
export function shmget(
  ns: IpcNamespace,
  process: Process,
  key: number,
  size: bigint,
  flags: number,
  now: number,
): number {
  return ns.shm.getOrCreate(
    process,
    key,
    flags,
    (id) => {
      if (size < BigInt(SHMMIN) || size > ns.limits.shmmax) fail(Errno.EINVAL);
      // Beyond what a wasm32 program could ever attach: Linux's overflow check.
      if (size > BigInt(Number.MAX_SAFE_INTEGER)) fail(Errno.ENOSPC);
      const pages = Math.ceil(Number(size) / PAGE_SIZE);
      if (BigInt(totalPages(ns) + pages) > ns.limits.shmall) fail(Errno.ENOSPC);
      const segment = new ShmSegment(ns, key, id, process, flags, now);
      segment.size = Number(size);
      segment.cpid = process.pid;
      return segment;
    },
    (segment) => {
      if (size > BigInt(segment.size)) fail(Errno.EINVAL);
    },
  );
}
