// How the daemon names an image it cannot find: the reference normalised
// ("nosuch" -> "nosuch:latest") when it is one, the text as given otherwise.
import { ImageError } from '../../../image/errors.ts';
import type { ImageRecord } from '../../../image/image-record.ts';
import type { ImageStore } from '../../../image/image-store.ts';
import { familiarString, parseReference } from '../../../image/reference.ts';

export function normalisedName(text: string): string {
  if (/^(sha256:)?[a-f0-9]{1,64}$/.test(text)) return text;
  try {
    return familiarString(parseReference(text));
  } catch {
    return text;
  }
}

/** The image, or "No such image: NAME:latest" as the daemon's GetImage says it. */
export async function getImage(store: ImageStore, text: string): Promise<ImageRecord> {
  const record = await store.find(text);
  if (!record) throw new ImageError('not-found', `No such image: ${normalisedName(text)}`);
  return record;
}
