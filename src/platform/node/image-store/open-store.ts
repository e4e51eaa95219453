// The image store of a Node process (the `bocal` command, tests): the
// directory backend under $BOCAL_HOME, with the built-in images of
// build/images/ loaded when asked.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOGUE, loadBuiltinImages } from '../../../image/builtin-images.ts';
import { ImageStore, type ImageStoreOptions } from '../../../image/image-store.ts';
import type { LoadedImage } from '../../../image/oci-layout-load.ts';
import { bocalHome, imageStoreDirectory } from './bocal-home.ts';
import { DirectoryBackend } from './directory-backend.ts';
import { directoryLayoutSource } from './directory-layout-source.ts';

/** build/images/ of this checkout (written by `npm run build:images`). */
export const BUILTIN_IMAGES_DIRECTORY = fileURLToPath(
  new URL('../../../../build/images/', import.meta.url),
);

export function openNodeImageStore(home = bocalHome(), options?: ImageStoreOptions): ImageStore {
  return new ImageStore(new DirectoryBackend(imageStoreDirectory(home)), options);
}

export function loadNodeBuiltinImages(
  store: ImageStore,
  directory = BUILTIN_IMAGES_DIRECTORY,
): Promise<LoadedImage[]> {
  let catalogue: Uint8Array;
  try {
    catalogue = readFileSync(join(directory, CATALOGUE));
  } catch {
    throw new Error(`${join(directory, CATALOGUE)} is missing: run \`npm run build:images\``);
  }
  return loadBuiltinImages(store, catalogue, (name) =>
    directoryLayoutSource(join(directory, name)),
  );
}
