// An image's config document (labels, history, the container config) read
// from its blob, without unpacking anything.
import type { ImageRecord } from '../../../image/image-record.ts';
import type { ImageStore } from '../../../image/image-store.ts';
import { parseConfig, type ImageConfig } from '../../../image/manifest.ts';

export async function imageConfig(store: ImageStore, record: ImageRecord): Promise<ImageConfig> {
  return parseConfig(await store.readBlob(record.config), `config ${record.config}`);
}
