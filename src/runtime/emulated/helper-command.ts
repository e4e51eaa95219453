// The command line of the runtime's helper, box's unshare with
// util-linux's options: a new pid namespace with the program forked as its
// pid 1 (or docker-init as pid 1 with --init), new mount, uts, ipc (and net
// unless --network host) namespaces, chroot into the container's root, a
// proc of its own, the working directory and the user's ids set last.
import type { ContainerSpec } from '../runtime.ts';

/** Where --init's docker-init is in every container root (the init layer has it). */
export const INIT_PATH = '/sbin/docker-init';

export function helperArgv(spec: ContainerSpec, rootPath: string): string[] {
  const { process, network } = spec;
  const namespaces = ['--pid', '--mount', '--uts', '--ipc'];
  if (network === 'none') namespaces.push('--net');
  const user = process.user ? [`--setgid=${process.user.gid}`, `--setuid=${process.user.uid}`] : [];
  // box's own option: runc's additionalGids (util-linux's unshare gives none).
  if (process.user?.groups?.length) user.push(`--groups=${process.user.groups.join(',')}`);
  const program = process.init ? [INIT_PATH, '--', ...process.args] : process.args;
  return [
    'unshare',
    '--fork',
    ...namespaces,
    '--mount-proc',
    `--root=${rootPath}`,
    `--wd=${process.cwd}`,
    ...user,
    '--',
    ...program,
  ];
}
