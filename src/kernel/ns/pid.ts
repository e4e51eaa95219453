// The pid namespace (pid_namespaces(7)): nested; a process has a pid in its
// own namespace and in every ancestor. The numbering, the namespace's init
// and the view of /proc, kill and wait are built by the namespaces work.
import { NamespaceKind } from './kind.ts';
import { Namespace } from './namespace.ts';
import type { UserNamespace } from './user.ts';

export class PidNamespace extends Namespace {
  readonly kind = NamespaceKind.Pid;

  constructor(
    id: number,
    owner: UserNamespace | undefined,
    /** The namespace this one was created in; undefined for the initial one. */
    readonly parent: PidNamespace | undefined,
  ) {
    super(id, owner);
  }

  /** Depth below the initial namespace (0 for it); Linux allows 32 levels. */
  get level(): number {
    return this.parent ? this.parent.level + 1 : 0;
  }
}
