// The name an open file description was opened by (Linux's file->f_path),
// for the calls that go from an fd back to its file: fchmod, fchown,
// /proc/<pid>/fd/N. Descriptions opened by path keep their dentry; pipes,
// host streams and other anonymous descriptions have none.
import { Dentry } from './dentry.ts';
import type { OpenFile } from './open-file.ts';

export function dentryOfDescription(file: OpenFile): Dentry | undefined {
  const opened: unknown = (file as { dentry?: unknown }).dentry;
  return opened instanceof Dentry ? opened : undefined;
}
