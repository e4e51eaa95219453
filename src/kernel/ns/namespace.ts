// What every namespace has: a kind, an identity (the inode number its
// /proc/<pid>/ns link shows) and the user namespace that owns it, against
// which privileged operations on it are checked (user_namespaces(7)).
// The user namespace of the initial set owns itself (owner undefined).
import type { NamespaceKind } from './kind.ts';
import type { UserNamespace } from './user.ts';

export abstract class Namespace {
  abstract readonly kind: NamespaceKind;

  constructor(
    /** Inode number of /proc/<pid>/ns/<kind>: `kind:[id]`. */
    readonly id: number,
    /** The owning user namespace; undefined only for the initial user namespace. */
    readonly owner: UserNamespace | undefined,
  ) {}

  /** `pid:[4026531836]`, what readlink of the /proc link answers. */
  get linkText(): string {
    return `${this.kind}:[${this.id}]`;
  }
}
