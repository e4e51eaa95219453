// What the page and the image store's worker (store-worker.ts) say to each
// other. Two kinds of session, each named by an id the page picks:
// - hashing (sha256-offload.ts): batches of bytes, then `end`;
// - inflating a layer (inflate-offload.ts): gzip bytes in, the tar out in
//   batches the page asks for (credits), its sha256 (the diff ID) at the end.

export type StoreWorkerRequest =
  | { id: number; hash: Uint8Array }
  /** `digest`: reply with the hex digest; `drop`: the session was abandoned. */
  | { id: number; end: 'digest' | 'drop' }
  /** Opens an inflating session (before its credits and bytes). */
  | { id: number; open: 'inflate' }
  | { id: number; inflate: Uint8Array }
  /** All the gzip bytes were sent. */
  | { id: number; inflateEnd: true }
  /** The page can take one more batch of tar. */
  | { id: number; credit: true };

export type StoreWorkerReply =
  | { id: number; hashed: number }
  | { id: number; hex: string }
  /** One `inflate` message was taken in. */
  | { id: number; consumed: true }
  | { id: number; batch: Uint8Array }
  /** The whole tar was sent: its sha256 and size. */
  | { id: number; inflated: { hex: string; size: number } }
  | { id: number; error: string };
