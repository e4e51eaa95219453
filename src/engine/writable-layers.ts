// Containers' writable layers kept in the image store, so a container's
// changes outlive the bocal process or the page (dockerd keeps the upper
// directory of overlay2 on disk): one blob per container with its encoded
// change set, named by a `layer` record (container id -> digest). A new
// save replaces the blob; `docker rm` deletes both.
import type { Digest } from '../image/digest.ts';
import type { ImageStore } from '../image/image-store.ts';

interface LayerRecord {
  digest: Digest;
  size: number;
}

export class WritableLayers {
  /** Containers this engine made that have no saved layer yet: nothing to look up for them. */
  private readonly empty = new Set<string>();

  constructor(private readonly images: ImageStore) {}

  /** A container just made: its layer is empty until a save. */
  created(id: string): void {
    this.empty.add(id);
  }

  /** The container's saved layer, or undefined for one never stopped with changes. */
  async load(id: string): Promise<Uint8Array | undefined> {
    if (this.empty.has(id)) return undefined;
    const record = await this.images.backend.getRecord<LayerRecord>('layer', id);
    if (!record) return undefined;
    return this.images.backend.readBlob(record.digest);
  }

  async save(id: string, bytes: Uint8Array): Promise<void> {
    this.empty.delete(id);
    const backend = this.images.backend;
    const previous = await backend.getRecord<LayerRecord>('layer', id);
    const { digest, size } = await this.images.putBlob(bytes);
    if (previous?.digest === digest) return;
    await backend.commitRecords([{ kind: 'layer', key: id, value: { digest, size } }]);
    if (previous) await this.images.deleteUnreferenced([previous.digest]);
  }

  async remove(id: string): Promise<void> {
    if (this.empty.delete(id)) return;
    const backend = this.images.backend;
    const previous = await backend.getRecord<LayerRecord>('layer', id);
    if (!previous) return;
    await backend.commitRecords([{ kind: 'layer', key: id, value: null }]);
    await this.images.deleteUnreferenced([previous.digest]);
  }
}
