// Creating processes: the table's init, and a child as fork(2) makes it
// (spawn is fork then exec). The child shares the parent's open file
// descriptions through a cloned fd table and starts with a copy of
// everything else that fork copies: cwd, root, credentials, umask, signal
// mask and dispositions, process group and session. Nothing is pending.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import { chargeFork, joinCgroup } from '../cgroup/fork.ts';
import type { Dentry } from '../fs/dentry.ts';
import type { NamespaceSet } from '../ns/namespace-set.ts';
import { cloneCredentials } from './credentials.ts';
import type { Credentials } from './credentials.ts';
import type { FdTable } from './fd-table.ts';
import { Process, ProcessState } from './process.ts';
import type { ProcessTable } from './process-table.ts';

export interface InitSpec {
  argv: string[];
  env: string[];
  fds: FdTable;
  root: Dentry;
  cwd: Dentry;
  credentials: Credentials;
  namespaces: NamespaceSet;
}

/** Creates the table's first process, pid 1, leader of its own group and session. */
export function createInit(table: ProcessTable, spec: InitSpec): Process {
  if (table.init) fail(Errno.EEXIST, 'the table already has an init');
  const pid = table.allocatePid();
  const init = new Process(
    pid,
    [...spec.argv],
    [...spec.env],
    spec.fds,
    spec.root,
    spec.cwd,
    spec.credentials,
    spec.namespaces,
  );
  init.pgid = pid;
  init.sid = pid;
  table.register(init, undefined);
  table.init = init;
  return init;
}

/**
 * Implements fork(2): a new process, child of `parent`, in `parent`'s group
 * and session, in `namespaces` (by default the parent's, with its
 * pid-for-children namespace: clone's CLONE_NEW* flags give others).
 */
export function forkProcess(
  table: ProcessTable,
  parent: Process,
  namespaces: NamespaceSet = parent.namespaces.forChild(),
): Process {
  if (parent.state === ProcessState.Zombie) fail(Errno.ESRCH);
  if (namespaces.pid.chain().some((ns) => ns.dead)) fail(Errno.ENOMEM);
  // Past pids.max of its cgroup or one above: EAGAIN before anything is made.
  if (parent.cgroup) chargeFork(parent.cgroup);
  const child = new Process(
    table.allocatePid(),
    [...parent.argv],
    [...parent.env],
    parent.fds.clone(),
    parent.root,
    parent.cwd,
    cloneCredentials(parent.credentials),
    namespaces,
  );
  child.capabilities = parent.capabilities;
  child.umask = parent.umask;
  child.executable = parent.executable;
  child.comm = parent.comm;
  child.signals = parent.signals.clone();
  child.limits = parent.limits.clone();
  child.pgid = parent.pgid;
  child.sid = parent.sid;
  child.controllingTty = parent.controllingTty;
  table.register(child, parent);
  if (parent.cgroup) joinCgroup(child, parent.cgroup);
  return child;
}
