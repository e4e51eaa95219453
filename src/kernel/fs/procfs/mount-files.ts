// /proc/<pid>/mounts and mountinfo (proc(5)): the mounts of the caller's
// table under its root. Mount ids are numbered by procfs from 21 in the
// order it first sees mounts (Linux numbers them at mount time); the device
// is major:minor of the filesystem's st_dev. Per-mount options and
// propagation fields come from fs/mount.ts; super options show only rw/ro.
import type { Dentry } from '../dentry.ts';
import { mountOptionsText, propagationFields, superblockReadOnly, type Mount } from '../mount.ts';
import { pathOf } from '../path-walk.ts';

const mountIds = new WeakMap<Mount, number>();
let nextMountId = 21;

/** A stable id for `mount`, as mountinfo and fdinfo's mnt_id show. */
export function mountIdOf(mount: Mount): number {
  let id = mountIds.get(mount);
  if (id === undefined) {
    id = nextMountId++;
    mountIds.set(mount, id);
  }
  return id;
}

/** Octal escapes for the characters that separate fields, as Linux's mangle does. */
function escape(text: string): string {
  return text.replace(/[ \t\n\\]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
}

function visible(root: Dentry): Mount[] {
  return root.mount.table.list().filter((mount) => !pathOf(mount.root, root).startsWith('('));
}

export function mountsText(root: Dentry): string {
  return visible(root)
    .map((mount) => {
      const where = escape(pathOf(mount.root, root));
      const options = mountOptionsText(mount);
      return `${escape(mount.source)} ${where} ${mount.fs.type} ${options} 0 0\n`;
    })
    .join('');
}

export function mountinfoText(root: Dentry): string {
  return visible(root)
    .map((mount) => {
      const id = mountIdOf(mount);
      const parent = mount.parent ? mountIdOf(mount.parent) : id;
      const dev = mount.fs.dev;
      const major = (dev >> 8) & 0xfff;
      const minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);
      const where = escape(pathOf(mount.root, root));
      const options = mountOptionsText(mount);
      const superOptions = superblockReadOnly(mount.fs) ? 'ro' : 'rw';
      const fields = [id, parent, `${major}:${minor}`, '/', where, options];
      fields.push(...propagationFields(mount), '-');
      return `${fields.join(' ')} ${mount.fs.type} ${escape(mount.source)} ${superOptions}\n`;
    })
    .join('');
}
