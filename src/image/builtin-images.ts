// The images bocal ships (built by scripts/build-images.ts into
// build/images/<name>/ as OCI layouts, listed in build/images/images.json):
// loaded into a store at start, in Node from the directory, in the browser
// over fetch. An image already present under the same manifest is skipped.
import type { ImageRecord } from './image-record.ts';
import type { ImageStore } from './image-store.ts';
import type { LayoutSource } from './layout-source.ts';
import { parseIndex } from './manifest.ts';
import { loadOciLayout, type LoadedImage } from './oci-layout-load.ts';
import { CONTAINERD_NAME } from './oci-layout-load.ts';
import { ImageError } from './errors.ts';

/** The catalogue file next to the layouts. */
export const CATALOGUE = 'images.json';

export function parseCatalogue(bytes: Uint8Array): string[] {
  const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
  if (
    !Array.isArray(value) ||
    value.some((v) => typeof v !== 'string' || !/^[a-z0-9][a-z0-9._-]*$/.test(v))
  ) {
    throw new ImageError(
      'invalid-content',
      `${CATALOGUE}: expected a list of image directory names`,
    );
  }
  return value as string[];
}

/** Loads one built-in layout unless the store already has its image under its tag. */
export async function loadBuiltinImage(
  store: ImageStore,
  source: LayoutSource,
): Promise<LoadedImage[]> {
  const indexBytes = await source.readFile('index.json');
  if (indexBytes) {
    const index = parseIndex(indexBytes, 'index.json');
    const present = await Promise.all(
      index.manifests.map(async (m): Promise<ImageRecord | undefined> => {
        const name = m.annotations?.[CONTAINERD_NAME];
        const record = name ? await store.find(name) : undefined;
        return record?.manifest === m.digest ? record : undefined;
      }),
    );
    if (present.every((r) => r !== undefined)) {
      return present.map((r, i) => ({
        id: r!.id,
        tags: [index.manifests[i]!.annotations![CONTAINERD_NAME]!],
      }));
    }
  }
  return loadOciLayout(store, source);
}

/** Loads every built-in image; `sourceFor(name)` reads build/images/<name>/. */
export async function loadBuiltinImages(
  store: ImageStore,
  catalogue: Uint8Array,
  sourceFor: (name: string) => LayoutSource,
): Promise<LoadedImage[]> {
  const loaded: LoadedImage[] = [];
  for (const name of parseCatalogue(catalogue))
    loaded.push(...(await loadBuiltinImage(store, sourceFor(name))));
  return loaded;
}
