// The minimal root filesystem the course's first example unpacks and
// chroots into: box as /bin/box with a symlink per applet, the user and
// group databases of a root-only system, a host name, and empty /proc,
// /tmp, /dev and /root. Built from the box the host runs, with one fixed
// timestamp and root as every owner, so the same box always gives the
// same archive. It is our own small tree, not a copy of any distribution.
import { encodeUtf8 } from '../../utf8.ts';
import { writeTar, type TarMember } from './ustar.ts';

/** Where the host keeps it: the home of root, where the console's shell starts. */
export const MINIROOTFS_PATH = '/root/box-minirootfs.tar.gz';
/** 2024-01-01T00:00:00Z: the archive's one timestamp. */
export const MINIROOTFS_MTIME = 1704067200;

export function minirootfsMembers(box: Uint8Array, applets: string[]): TarMember[] {
  const mtime = MINIROOTFS_MTIME;
  const dir = (name: string, mode = 0o755): TarMember => ({ name, type: 'dir', mode, mtime });
  const file = (name: string, text: string): TarMember => ({
    name,
    type: 'file',
    mode: 0o644,
    mtime,
    content: encodeUtf8(text),
  });
  return [
    dir('./'),
    dir('bin/'),
    { name: 'bin/box', type: 'file', mode: 0o755, mtime, content: box },
    ...[...applets].sort().map((name): TarMember => ({
      name: `bin/${name}`,
      type: 'symlink',
      mode: 0o777,
      mtime,
      target: 'box',
    })),
    dir('dev/'),
    dir('etc/'),
    file('etc/group', 'root:x:0:\n'),
    file('etc/hostname', 'minirootfs\n'),
    file('etc/passwd', 'root:x:0:0:root:/root:/bin/sh\n'),
    dir('proc/', 0o555),
    dir('root/', 0o700),
    dir('tmp/', 0o1777),
  ];
}

/** The uncompressed tar of the minimal root filesystem. */
export function minirootfsTar(box: Uint8Array, applets: string[]): Uint8Array {
  return writeTar(minirootfsMembers(box, applets));
}
