// Opening a fifo (fifo(7)): both ends share one pipe buffer that lives while
// either is open. Open for reading waits for a writer to open, open for
// writing waits for a reader, unless O_NONBLOCK: then a reader opens at once
// and a writer with no reader gets ENXIO. O_RDWR never waits (Linux-specific).
import { Errno } from '../../abi/errno.ts';
import { FDFLAGS_NONBLOCK } from '../../abi/wasi.ts';
import { fail } from '../../errors.ts';
import type { Inode, OpenRequest } from '../inode.ts';
import type { BlockingWait, OpenFile } from '../open-file.ts';
import { Pipe } from './pipe.ts';
import { PipeEnd } from './pipe-end.ts';

export class Fifo {
  private current: Pipe | undefined;

  constructor(private readonly inode: Inode) {}

  private get pipe(): Pipe {
    if (!this.current) {
      const pipe = new Pipe();
      pipe.onUnused = () => {
        if (this.current === pipe) this.current = undefined;
      };
      this.current = pipe;
    }
    return this.current;
  }

  open(request: OpenRequest): OpenFile | Promise<OpenFile> {
    const nonblocking = (request.flags & FDFLAGS_NONBLOCK) !== 0;
    const { readable, writable } = request;
    if (writable && !readable && nonblocking && (this.current?.readers ?? 0) === 0) {
      fail(Errno.ENXIO);
    }
    const pipe = this.pipe;
    const end = new PipeEnd(pipe, this.inode, readable, writable, request.flags, request.dentry);
    if (readable && writable) return end;
    if (readable && (nonblocking || pipe.writers > 0)) return end;
    if (writable && pipe.readers > 0) return end;
    return waitForPeer(pipe, end, readable, request.wait);
  }
}

/** Waits (interruptibly, through `wait`) for the other end; an interrupted open closes its end. */
async function waitForPeer(
  pipe: Pipe,
  end: PipeEnd,
  readable: boolean,
  wait: BlockingWait | undefined,
): Promise<OpenFile> {
  const opens = readable ? pipe.writerOpens : pipe.readerOpens;
  try {
    while ((readable ? pipe.writerOpens : pipe.readerOpens) === opens) await pipe.changed(wait);
  } catch (error) {
    end.release();
    throw error;
  }
  return end;
}
