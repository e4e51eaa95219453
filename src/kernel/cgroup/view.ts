// A process's cgroup as another process sees it (/proc/<pid>/cgroup's
// `0::PATH`): the path from the reader's cgroup namespace root, with `..`
// steps for a cgroup outside it, as cgroup_namespaces(7) shows.
import type { Process } from '../proc/process.ts';

export function cgroupPathSeenBy(process: Process, reader: Process | undefined): string {
  const cgroup = process.cgroup;
  if (!cgroup) return '/';
  const hierarchyRoot = cgroup.ancestry()[0]!;
  const root = reader?.namespaces.cgroup.rootIn(hierarchyRoot) ?? hierarchyRoot;
  return cgroup.pathFrom(root);
}
