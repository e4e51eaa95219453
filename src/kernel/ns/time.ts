// The time namespace (time_namespaces(7)): offsets of the monotonic and
// boot clocks. Listed in /proc/<pid>/ns as Linux does; no offsets yet.
import { NamespaceKind } from './kind.ts';
import { Namespace } from './namespace.ts';

export class TimeNamespace extends Namespace {
  readonly kind = NamespaceKind.Time;
}
