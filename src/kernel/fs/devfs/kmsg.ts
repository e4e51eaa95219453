// /dev/kmsg: the kernel's log ring (Linux's printk buffer as devkmsg shows
// it). A write adds one record, its priority taken from a leading "<N>"
// (as Linux: the facility of a userspace record is never "kern"; without a
// prefix it is user.warning); each open description reads the records one
// per read(2), from the oldest kept, as "PRI,SEQ,USEC,-;TEXT\n", and waits
// for the next (EAGAIN when non-blocking). A read shorter than its record
// is EINVAL, and records pushed out of the ring while unread give one
// EPIPE, as on Linux. dmesg and logger (box) use it.
import { Errno } from '../../abi/errno.ts';
import { FDFLAGS_NONBLOCK, Filetype } from '../../abi/wasi.ts';
import { fail } from '../../errors.ts';
import { encodeUtf8, decodeUtf8 } from '../../utf8.ts';
import type { DeviceOpener } from '../device.ts';
import type { Clock } from '../filesystem.ts';
import type { Inode, OpenRequest } from '../inode.ts';
import { OpenFile, type BlockingWait, type Readiness } from '../open-file.ts';
import type { Stat } from '../stat.ts';

/** Records kept; the oldest go first (Linux keeps a byte budget instead). */
const RING_RECORDS = 2048;
/** Longest text of one record, as Linux's LOG_LINE_MAX. */
const RECORD_TEXT_MAX = 1024 - 32;
const LOG_USER = 1 << 3;
const DEFAULT_LEVEL = 4; /* warning: Linux's default_message_loglevel */

interface KmsgRecord {
  seq: number;
  priority: number;
  microseconds: number;
  text: string;
}

export class KernelLog {
  private readonly records: KmsgRecord[] = [];
  private nextSeq = 0;
  private readonly waiters = new Set<() => void>();
  private readonly start: bigint;

  constructor(private readonly clock: Clock) {
    this.start = clock();
  }

  /** Adds a record; `priority` is facility << 3 | level. */
  append(priority: number, text: string): void {
    const microseconds = Number((this.clock() - this.start) / 1000n);
    this.records.push({ seq: this.nextSeq++, priority, microseconds, text });
    if (this.records.length > RING_RECORDS) this.records.shift();
    for (const wake of [...this.waiters]) wake();
  }

  /** The first record kept, or the next to come. */
  get firstSeq(): number {
    return this.records[0]?.seq ?? this.nextSeq;
  }

  get endSeq(): number {
    return this.nextSeq;
  }

  record(seq: number): KmsgRecord | undefined {
    const first = this.firstSeq;
    return seq >= first ? this.records[seq - first] : undefined;
  }

  /** Calls `wake` at the next append; returns a canceller. */
  onAppend(wake: () => void): () => void {
    const once = (): void => {
      this.waiters.delete(once);
      wake();
    };
    this.waiters.add(once);
    return () => this.waiters.delete(once);
  }

  /** The driver of /dev/kmsg's device number. */
  readonly open: DeviceOpener = (request) => new KmsgFile(this, request);
}

/** What one write(2) says: the "<N>" prefix's priority and the text. */
function parseWrite(data: Uint8Array): { priority: number; text: string } {
  let text = decodeUtf8(data).replace(/\n$/, '');
  let priority = LOG_USER | DEFAULT_LEVEL;
  const prefix = /^<(\d+)>/.exec(text);
  if (prefix) {
    const value = Number(prefix[1]);
    // Userspace may not pose as the kernel: facility 0 becomes user.
    priority = value >> 3 === 0 ? LOG_USER | (value & 7) : value & 0x3ff;
    text = text.slice(prefix[0].length);
  }
  return { priority, text: text.slice(0, RECORD_TEXT_MAX) };
}

class KmsgFile extends OpenFile {
  private seq: number;
  private readonly inode: Inode;

  constructor(
    private readonly log: KernelLog,
    request: OpenRequest,
  ) {
    super(request.readable, request.writable);
    this.flags = request.flags;
    this.inode = request.dentry.inode;
    this.seq = log.firstSeq;
  }

  override get filetype(): Filetype {
    return Filetype.CHARACTER_DEVICE;
  }

  override read(length: number, wait?: BlockingWait): Uint8Array | Promise<Uint8Array> {
    if (!this.readable) fail(Errno.EBADF);
    if (this.seq < this.log.firstSeq) {
      // Records were overwritten before this reader got to them.
      this.seq = this.log.firstSeq;
      fail(Errno.EPIPE);
    }
    const record = this.log.record(this.seq);
    if (record) {
      const line = encodeUtf8(
        `${record.priority},${record.seq},${record.microseconds},-;${record.text}\n`,
      );
      if (length < line.length) fail(Errno.EINVAL);
      this.seq++;
      return line;
    }
    if (this.flags & FDFLAGS_NONBLOCK) fail(Errno.EAGAIN);
    let cancel = (): void => {};
    const appended = new Promise<void>((resolve) => {
      cancel = this.log.onAppend(resolve);
    });
    const waited = wait ? wait(appended, cancel) : appended;
    return waited.then(() => this.read(length, wait));
  }

  override write(data: Uint8Array): number {
    if (!this.writable) fail(Errno.EBADF);
    const { priority, text } = parseWrite(data);
    this.log.append(priority, text);
    return data.length;
  }

  /** SEEK_SET 0: the oldest record; SEEK_END: after the newest (as Linux's devkmsg_llseek). */
  override seek(offset: number, whence: number): number {
    if (offset !== 0) fail(Errno.ESPIPE);
    if (whence === 0) this.seq = this.log.firstSeq;
    else if (whence === 2) this.seq = this.log.endSeq;
    else fail(Errno.EINVAL);
    return 0;
  }

  override readiness(): Readiness {
    return {
      readable: this.readable && this.log.record(this.seq) !== undefined,
      writable: this.writable,
      hangup: false,
    };
  }

  override waitReadiness = (wake: () => void): (() => void) => this.log.onAppend(wake);

  override stat(): Stat {
    return this.inode.stat();
  }
}
