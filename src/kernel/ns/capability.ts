// Capabilities, kept simple but in Linux's shape (capabilities(7),
// user_namespaces(7)): a process either has the full set in its own user
// namespace or none, and a privileged operation on an object asks for it
// in the user namespace that owns the object (Linux's ns_capable):
//
// - in its own user namespace, a process has the full set when its
//   effective uid is 0 there, or when it has just created or entered that
//   namespace (until its next execve, or until set*id leaves no uid 0);
// - in a descendant namespace, it has every capability if it is in the
//   parent of the namespace (or of an ancestor on the way) and its
//   effective uid owns it (made it);
// - elsewhere (outside, or in an unrelated namespace), none.
import type { Process } from '../proc/process.ts';
import type { UserNamespace } from './user.ts';

/** Whether `process` has its full capability set in its own user namespace. */
export function hasOwnCapabilities(process: Process): boolean {
  if (process.capabilities !== undefined) return process.capabilities;
  return process.namespaces.user.uidFromKernel(process.credentials.euid) === 0;
}

/** Linux's ns_capable(target, cap) for any cap: see the header. */
export function capableIn(process: Process, target: UserNamespace): boolean {
  const own = process.namespaces.user;
  for (let ns: UserNamespace | undefined = target; ns; ns = ns.parent) {
    if (ns === own) return hasOwnCapabilities(process);
    if (ns.parent === own && ns.ownerUid === process.credentials.euid) return true;
  }
  return false;
}

/** capable(cap): privilege in the initial user namespace (the machine's). */
export function capableInInitial(process: Process): boolean {
  let initial = process.namespaces.user;
  while (initial.parent) initial = initial.parent;
  return capableIn(process, initial);
}
