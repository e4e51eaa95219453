// The shared memory of a pipe: one SharedArrayBuffer per pipe, holding its
// bytes in a ring and a header of Int32 words. The kernel owns the pipe and
// sends the buffer to the workers of the processes that hold an fd on it;
// they read and write the ring directly while there are bytes or room, and
// make the ordinary syscall otherwise (docs/design/pipes.md).
//
//   word 0  HEAD         bytes ever read, modulo 2^32
//   word 1  TAIL         bytes ever written, modulo 2^32
//   word 2  READERS      read ends open (written by the kernel only)
//   word 3  WRITERS      write ends open (written by the kernel only)
//   word 4  WRITE_LOCK   0, or the token of the writer copying in
//   word 5  READ_LOCK    0, or the token of the reader copying out
//   word 6  CHANGES      bumped after every change a worker makes
//   word 7  WATCHED      1 while the kernel waits on CHANGES: notify it
//   word 8  SLEEPERS     workers asleep in Atomics.wait on CHANGES
//   word 9  BLOCKING[7]  one per open end (file description) on the pipe:
//                        1 if it blocks, 0 with O_NONBLOCK (kernel-written)
//   word 16 REF_HEAD     page references consumed, modulo 2^32
//   word 17 REF_TAIL     page references queued (by the kernel only)
//   word 18 REF_SKIP     bytes of the first queued reference already read
//   word 19 REF_READ     bytes ever read through references, modulo 2^32
//   word 20 LOCK_WANTED  1 while the kernel waits for a lock a worker holds
//   word 32 REFS[16]     three words each: page, start, length (a range of a
//                        page of the shared arena, kernel/fs/page-arena.ts)
//   byte 512 the ring: RING_CAPACITY bytes, byte n of the stream at n mod capacity
//
// A pipe holds either bytes in the ring or page references, never both:
// sendfile queues references only into an empty ring, and writers see no
// room while references are queued (both under the write lock), so the
// order of the stream is kept. Like Linux's sixteen pipe buffers, each
// reference may carry up to a page (64 KiB here), so a pipe fed by sendfile
// holds up to 1 MiB that its reader copies from the file's own memory
// (docs/design/pipes.md, "Sixth look").
//
// Every word can be overwritten by a program that holds an fd on the pipe
// (it shares the buffer with its own worker), so the kernel treats the
// counters as untrusted: it clamps them and never waits on a lock.

export const RING_I32_HEAD = 0;
export const RING_I32_TAIL = 1;
export const RING_I32_READERS = 2;
export const RING_I32_WRITERS = 3;
export const RING_I32_WRITE_LOCK = 4;
export const RING_I32_READ_LOCK = 5;
export const RING_I32_CHANGES = 6;
export const RING_I32_WATCHED = 7;
export const RING_I32_SLEEPERS = 8;
/**
 * The first of the description words. A worker waits on the ring before
 * making its syscall only through an end whose word says it blocks; an end
 * without a word (more than seven open at once) never waits in the worker.
 */
export const RING_I32_BLOCKING = 9;
export const RING_DESCRIPTION_SLOTS = 7;

export const RING_I32_REF_HEAD = 16;
export const RING_I32_REF_TAIL = 17;
export const RING_I32_REF_SKIP = 18;
export const RING_I32_REF_READ = 19;
/**
 * Set by the kernel when it found a lock held: a worker that lets go of a
 * lock then signals even where it otherwise would not (a read that ends
 * inside a page reference frees no slot and is not worth a wake-up).
 */
export const RING_I32_LOCK_WANTED = 20;
export const RING_I32_REFS = 32;
/** Words per reference: page, start, length. */
export const RING_REF_WORDS = 3;
/** References a pipe holds at most: Linux's PIPE_DEF_BUFFERS. A power of two. */
export const RING_REF_SLOTS = 16;

export const RING_HEADER_SIZE = 512;
/** Linux's default pipe capacity; a power of two, so positions wrap with a mask. */
export const RING_CAPACITY = 65536;
export const RING_BUFFER_SIZE = RING_HEADER_SIZE + RING_CAPACITY;

/** The lock token of the kernel; workers get positive ones. */
export const KERNEL_RING_TOKEN = -1;
