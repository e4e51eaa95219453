// The cgroup namespace (cgroup_namespaces(7)): virtualises the view of the
// cgroup hierarchy, whose root for processes inside is the cgroup the
// creator was in. The hierarchy itself is the cgroups work's.
import { NamespaceKind } from './kind.ts';
import { Namespace } from './namespace.ts';

export class CgroupNamespace extends Namespace {
  readonly kind = NamespaceKind.Cgroup;
}
