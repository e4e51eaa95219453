// The mount namespace: a mount table of its own. unshare(CLONE_NEWNS)
// copies the caller's table (MountTable.clone), so later mounts on either
// side are private to it unless propagation says otherwise.
import type { MountTable } from '../fs/mount.ts';
import { NamespaceKind } from './kind.ts';
import { Namespace } from './namespace.ts';
import type { UserNamespace } from './user.ts';

export class MountNamespace extends Namespace {
  readonly kind = NamespaceKind.Mount;

  constructor(
    id: number,
    owner: UserNamespace | undefined,
    readonly mounts: MountTable,
  ) {
    super(id, owner);
  }
}
