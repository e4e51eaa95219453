// A volume mounted for the first time over a directory the image fills is
// given that directory's files, as dockerd does (copyExistingContents): only
// while the volume is empty, so later containers find what earlier ones
// left. Owner and mode of the volume's root follow the image's directory.
import { FIRST_ENTRY_COOKIE } from '../../kernel/fs/directory-file.ts';
import type { Inode } from '../../kernel/fs/inode.ts';
import type { ContainerFilesystem } from './container-filesystem.ts';
import { archivePath, extractInto, walk } from './root-archive.ts';

const isEmpty = (directory: Inode): boolean => {
  for (const entry of directory.entries(FIRST_ENTRY_COOKIE)) {
    if (entry.name !== '.' && entry.name !== '..') return false;
  }
  return true;
};

export async function fillNewVolume(
  filesystem: ContainerFilesystem,
  target: string,
  volume: Inode,
): Promise<void> {
  const source = walk(filesystem.fs.root, target);
  if (!source?.isDirectory || !isEmpty(volume) || isEmpty(source)) return;
  const tar = await archivePath(filesystem.fs.root, `${target.replace(/\/+$/, '')}/.`);
  await extractInto(volume, '/', tar);
  Object.assign(volume, { mode: source.mode, uid: source.uid, gid: source.gid });
}
