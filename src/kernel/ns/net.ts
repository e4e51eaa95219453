// The network namespace: interfaces, addresses, routes and socket bindings
// are per namespace (src/kernel/net/ holds them).
import { NetStack } from '../net/stack.ts';
import { NamespaceKind } from './kind.ts';
import { Namespace } from './namespace.ts';
import type { UserNamespace } from './user.ts';

export class NetNamespace extends Namespace {
  readonly kind = NamespaceKind.Net;
  readonly stack: NetStack;

  /** `loopbackUp`: the initial namespace, whose lo a booted host has up; a new one starts down. */
  constructor(id: number, owner: UserNamespace | undefined, loopbackUp = false) {
    super(id, owner);
    this.stack = new NetStack(loopbackUp);
  }
}
