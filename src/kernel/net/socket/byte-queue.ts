// One direction of a stream connection: the bytes sent and not yet read,
// up to a capacity (the receiver's buffer), as chunks so that a write is
// not copied until it is read.

export class ByteQueue {
  private readonly chunks: Uint8Array[] = [];
  /** Bytes consumed from the first chunk. */
  private offset = 0;
  private size = 0;

  constructor(readonly capacity: number) {}

  get length(): number {
    return this.size;
  }

  get room(): number {
    return Math.max(0, this.capacity - this.size);
  }

  /** Appends as much of `data` as there is room for; returns the count. */
  put(data: Uint8Array): number {
    const count = Math.min(this.room, data.length);
    if (count > 0) this.chunks.push(data.slice(0, count));
    this.size += count;
    return count;
  }

  /** Removes (or with `peek`, copies) up to `length` bytes from the front. */
  take(length: number, peek = false): Uint8Array {
    const count = Math.min(length, this.size);
    const out = new Uint8Array(count);
    let done = 0;
    let index = 0;
    let offset = this.offset;
    while (done < count) {
      const chunk = this.chunks[index]!;
      const part = Math.min(chunk.length - offset, count - done);
      out.set(chunk.subarray(offset, offset + part), done);
      done += part;
      offset += part;
      if (offset === chunk.length) {
        index++;
        offset = 0;
      }
    }
    if (!peek) {
      this.chunks.splice(0, index);
      this.offset = offset;
      this.size -= count;
    }
    return out;
  }

  clear(): void {
    this.chunks.length = 0;
    this.offset = 0;
    this.size = 0;
  }
}
