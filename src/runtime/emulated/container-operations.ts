// exec, pause, top and stats of the emulated runtime. An exec is what runc
// exec does with its nsenter: box's nsenter, started in the host, opens
// the namespaces, root and a working directory of the container's init
// through /proc/<pid>/ and enters them, forks into the container's pid
// namespace and runs the command there; it joins the container's cgroup.
// Pause writes the container cgroup's cgroup.freeze (kernel/cgroup/freezer.ts).
import { readFile } from '../../kernel/boot/kernel-files.ts';
import type { Cgroup } from '../../kernel/cgroup/cgroup.ts';
import { createLimitedCgroup, cgroupStats } from '../../kernel/cgroup/containers.ts';
import { setFreeze } from '../../kernel/cgroup/freezer.ts';
import { KernelError } from '../../kernel/errors.ts';
import { findProgram } from '../../kernel/exec/find-program.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { ProcessState, type Process } from '../../kernel/proc/process.ts';
import { decodeUtf8 } from '../../kernel/utf8.ts';
import {
  CommandError,
  type ContainerProcess,
  type ContainerUsage,
  type ExecProcess,
  type ExecSpec,
} from '../container-operations.ts';
import { additionalGroups, execUser, UserSpecError, type ExecUser } from '../exec-user.ts';
import { commandError } from './container-init.ts';

/** The ids of `-u` (and the container's --group-add), from the container's /etc/passwd and /etc/group. */
async function resolveUser(
  init: Process,
  user: string,
  groupAdd: readonly string[] = [],
): Promise<ExecUser | undefined> {
  // Even without -u: root's supplementary groups from /etc/group, as runc's exec.
  const text = async (path: string) => {
    try {
      return decodeUtf8(await readFile(init, path));
    } catch {
      return undefined;
    }
  };
  const group = await text('/etc/group');
  try {
    const resolved = execUser(user || '0', await text('/etc/passwd'), group);
    const groups = [...resolved.groups, ...additionalGroups(groupAdd, group)];
    return { ...resolved, groups: [...new Set(groups)] };
  } catch (error) {
    if (!(error instanceof UserSpecError)) throw error;
    throw new CommandError('not-executable', '', error.message);
  }
}

/** Finds the program as the container's init would (its root, the exec's PATH). */
async function checkProgram(init: Process, spec: ExecSpec): Promise<void> {
  const program = spec.args[0] ?? '';
  try {
    await findProgram(init, program, spec.args, spec.env, true);
  } catch (error) {
    // As a start's refusal (container-init.ts); whatever else the walk
    // refused (a loop of links, a name too long) is runc's "permission denied".
    const refused = commandError(error, program);
    if (refused instanceof KernelError) {
      throw new CommandError('not-executable', program, 'permission denied');
    }
    throw refused;
  }
}

/** The container's own cgroup: its init's, or (no per-container cgroup yet) /docker/<id>, made and joined now. */
export function containerCgroup(kernel: Kernel, id: string, init: Process): Cgroup {
  const current = init.cgroup;
  if (current && !current.isRoot && current !== kernel.init.cgroup) return current;
  const cgroup = createLimitedCgroup(kernel.cgroups, `/docker/${id}`);
  for (const process of kernel.processes.listIn(init.namespaces.pid)) {
    if (process.state !== ProcessState.Zombie) kernel.cgroups.migrate(process, cgroup);
  }
  return cgroup;
}

export async function execIn(
  kernel: Kernel,
  helperPath: string,
  init: Process,
  cgroup: Cgroup | undefined,
  spec: ExecSpec,
): Promise<ExecProcess> {
  await checkProgram(init, spec);
  const ids = await resolveUser(init, spec.user, spec.groupAdd);
  const target = init.pid;
  const spawned = await kernel.spawn({
    program: { path: helperPath },
    argv: [
      'nsenter',
      `--target=${target}`,
      '--all',
      '--root',
      // Opened before entering: the container's directory through its init's root.
      `--wd=/proc/${target}/root${spec.cwd === '/' ? '' : spec.cwd}`,
      ...(ids ? [`--setuid=${ids.uid}`, `--setgid=${ids.gid}`] : []),
      // box's own option (runc's additionalGids): util-linux's nsenter gives none.
      ...(ids?.groups.length ? [`--groups=${ids.groups.join(',')}`] : []),
      '--',
      ...spec.args,
    ],
    env: spec.env,
    fds: spec.stdio,
    console: spec.console,
    cgroup,
  });
  return { pid: spawned.process.pid, exited: spawned.exited };
}

/** The cgroups frozen by `pause`, by container id: `resume` thaws them even once the container has gone. */
const frozen = new Map<string, Cgroup>();

export function freezeContainer(id: string, cgroup: Cgroup): void {
  setFreeze(cgroup, true);
  frozen.set(id, cgroup);
}

export function thawContainer(id: string): void {
  const cgroup = frozen.get(id);
  if (!cgroup) return;
  frozen.delete(id);
  setFreeze(cgroup, false);
}

/** The container's processes (those in its pid namespace), as the host's `ps -ef` numbers them. */
export function processesOf(kernel: Kernel, init: Process): ContainerProcess[] {
  const now = kernel.host.now();
  return kernel.processes
    .listIn(init.namespaces.pid)
    .filter((process) => process.state !== ProcessState.Zombie)
    .sort((a, b) => a.pid - b.pid)
    .map((process) => ({
      uid: process.credentials.euid,
      pid: process.pid,
      ppid: process.parent?.pid ?? 0,
      startedAt: process.usage.startedAt,
      cpuMs: process.usage.cpuMs(now),
      tty: process.controllingTty ? 'pts/0' : '?',
      args: process.argv.length > 0 ? process.argv : [`[${process.comm}]`],
    }));
}

export function usageOf(cgroup: Cgroup): ContainerUsage {
  const stats = cgroupStats(cgroup);
  return {
    cpuUsec: stats.cpu.usageUsec,
    memory: { usage: stats.memory.usage, limit: stats.memory.limit },
    pids: stats.pids.current,
  };
}
