// The command line of the runtime's helper, box's unshare with
// util-linux's options. The runtime starts it as pid 1 of the container's
// new pid, uts, ipc (and net unless --network host) namespaces (runc's
// clone flags); it makes the new mount namespace, chroots into the
// container's root, mounts a proc of its own, sets the working directory
// and the user's ids last, and execs the program (or docker-init with
// --init) in its place: the container's init is the helper's process, so
// nothing of the runtime stays beside it (runc exits too).
import type { ContainerSpec } from '../runtime.ts';

/** Where --init's docker-init is in every container root (the init layer has it). */
export const INIT_PATH = '/sbin/docker-init';

export function helperArgv(spec: ContainerSpec, rootPath: string): string[] {
  const { process } = spec;
  const user = process.user ? [`--setgid=${process.user.gid}`, `--setuid=${process.user.uid}`] : [];
  // box's own option: runc's additionalGids (util-linux's unshare gives none).
  if (process.user?.groups?.length) user.push(`--groups=${process.user.groups.join(',')}`);
  const program = process.init ? [INIT_PATH, '--', ...process.args] : process.args;
  return [
    'unshare',
    '--mount',
    '--mount-proc',
    `--root=${rootPath}`,
    `--wd=${process.cwd}`,
    ...user,
    '--',
    ...program,
  ];
}
