// The user namespace (user_namespaces(7)): owns every other namespace and
// gates privileged operations on them. uid/gid maps and capabilities are
// added by the namespaces work; this is the identity and the nesting.
import { NamespaceKind } from './kind.ts';
import { Namespace } from './namespace.ts';

export class UserNamespace extends Namespace {
  readonly kind = NamespaceKind.User;

  constructor(
    id: number,
    /** The parent user namespace (which also owns this one); undefined for the initial one. */
    readonly parent: UserNamespace | undefined,
  ) {
    super(id, parent);
  }

  /** Depth below the initial namespace (0 for it); Linux allows 32 levels. */
  get level(): number {
    return this.parent ? this.parent.level + 1 : 0;
  }
}
