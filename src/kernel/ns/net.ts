// The network namespace: interfaces, addresses, routes and socket bindings
// are per namespace (src/kernel/net/ holds them, the networking work).
import { NamespaceKind } from './kind.ts';
import { Namespace } from './namespace.ts';

export class NetNamespace extends Namespace {
  readonly kind = NamespaceKind.Net;
}
