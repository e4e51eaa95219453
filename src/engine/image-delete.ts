// `docker rmi` as dockerd decides it (daemon/images/image_delete.go): a
// name removes that tag and the image only once no tag is left; an ID
// removes the image with its tag when it has at most one; containers using
// the image are conflicts, a running one even with force. The results are
// what the CLI prints, in dockerd's order: Untagged lines, then Deleted for
// the image and for each of its layers no other image shares.
import { digestHex, type Digest } from '../image/digest.ts';
import { ImageError } from '../image/errors.ts';
import type { ImageStore } from '../image/image-store.ts';
import type { ContainerRecord } from './container.ts';
import { EngineError } from './errors.ts';

export type DeleteRecord = { untagged: string } | { deleted: Digest };

export interface DeleteOutcome {
  records: DeleteRecord[];
  /** Content bytes of the layers deleted (what prune reports as reclaimed). */
  reclaimed: number;
}

const short = (id: string): string => digestHex(id as Digest).slice(0, 12);

/** True when `text` is (a prefix of) the image ID, with or without "sha256:". */
function isIdPrefix(id: Digest, text: string): boolean {
  return id.startsWith(text) || digestHex(id).startsWith(text);
}

function conflict(id: Digest, hard: boolean, message: string): EngineError {
  return new EngineError(
    'conflict',
    `conflict: unable to delete ${short(id)} (${hard ? 'cannot be forced' : 'must be forced'}) - ${message}`,
  );
}

export async function deleteImage(
  store: ImageStore,
  containers: readonly ContainerRecord[],
  text: string,
  force: boolean,
): Promise<DeleteOutcome> {
  await store.purgeRetained(new Set(containers.map((c) => c.Image)));
  const image = await store.get(text);
  const id = image.id;
  const using = containers.filter((c) => c.Image === id);
  const references = async () => [
    ...(await store.tagsOf(id)),
    ...(await store.get(id)).repoDigests,
  ];
  const records: DeleteRecord[] = [];
  let refs = await references();
  if (!isIdPrefix(id, text)) {
    if (!force && refs.length === 1 && using[0]) {
      throw new EngineError(
        'conflict',
        `conflict: unable to remove repository reference "${text}" (must force) - container ${using[0].Id.slice(0, 12)} is using its referenced image ${short(id)}`,
      );
    }
    records.push({ untagged: await store.untag(text) });
    refs = await references();
    if (refs.length > 0) return { records, reclaimed: 0 };
  } else if (refs.length > 1 && !force) {
    throw conflict(id, false, 'image is referenced in multiple repositories');
  }
  const running = using.find((c) => c.State.Running);
  if (running)
    throw conflict(id, true, `image is being used by running container ${running.Id.slice(0, 12)}`);
  const stopped = using[0];
  if (stopped && !force)
    throw conflict(
      id,
      false,
      `image is being used by stopped container ${stopped.Id.slice(0, 12)}`,
    );
  for (const ref of refs) records.push({ untagged: ref.replace(/^docker\.io\/(library\/)?/, '') });
  // A container still made from the image keeps it, unnamed (as dockerd's RW layer holds its layers).
  const layers = await store.deleteImage(id, { retain: using.length > 0 });
  records.push({ deleted: id });
  for (const layer of layers) records.push({ deleted: layer.chainId });
  return { records, reclaimed: layers.reduce((n, l) => n + l.size, 0) };
}

export { ImageError };
