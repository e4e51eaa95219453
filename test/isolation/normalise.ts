// What of a scenario's output is compared between real Linux and bocal.
// The raw reports differ in what is inherent to two different machines:
// namespace identities are numbers each kernel picks, the parent view has
// the host's processes (kernel threads, other programs), its hostname and
// its mounts. So every report is read against the base report that the
// runner takes first, in the scenario's own shell (label "__base__"):
// - namespaces: "parent" when the same as the base's, else "new1", "new2"...
//   numbered per kind in order of appearance (pid_for_children counts as pid);
// - pids: in the parent's pid namespace, pid and ppid are "parent-ns"; the
//   pid list is "parent /proc" when /proc is not of the caller's own pid
//   namespace (its /proc/self is not its pid), else kept;
// - hostname "<parent>" when the base's; root "parent root" when the base's;
// - mounts: what was added and removed against the base's table, at /proc
//   and in $S (the rest of the host's table changes with its other users), the type
//   of the parent's root filesystem (ext4 here, rootfs on bocal) written
//   "<root fs>", as a bind mount of a directory shows it;
// - ipc objects: counts (keys are random); net and ipc "parent" when the
//   namespace is the parent's;
// - cgroup: the limits only (the path is not comparable on a cgroup v1
//   host), a missing file read as "max": the root cgroup of v2 has no
//   pids.max or memory.max, v1's memory hierarchy has one at its root.
// The scratch directory's path is written $S. Only the messages of the tools
// under test are compared on stderr (the shells' own differ: dash on Linux).

export interface RunResult {
  stdout: string;
  stderr: string;
  status: number;
}

interface Probe {
  label: string | null;
  pid: number;
  ppid: number;
  proc_self: number | null;
  pids: number[] | null;
  uid: number;
  gid: number;
  euid: number;
  egid: number;
  cwd: string | null;
  root: string[] | null;
  hostname: string | null;
  domainname: string | null;
  ns: Record<string, string | null>;
  uid_map: string | null;
  gid_map: string | null;
  setgroups: string | null;
  mounts: { mountpoint: string; fstype: string }[] | null;
  ipc: Record<string, unknown[] | null>;
  net: unknown;
  cgroup: { path: string | null; limits: Record<string, string | null> | null };
}

export const BASE_LABEL = '__base__';

/** Stderr lines that come from the tools under test (the rest is the shells'). */
const TOOL_MESSAGE = /^(unshare|nsenter|lsns|mount|umount|hostname|nsprobe|chroot): |^ {7}dmesg/;

function kindOf(link: string): string {
  return link.replace(/_for_children$/, '');
}

class NamespaceNames {
  private readonly names = new Map<string, string>();
  private readonly counts = new Map<string, number>();

  constructor(private readonly base: Probe) {}

  name(link: string, value: string | null): string | null {
    if (value === null) return null;
    const kind = kindOf(link);
    if (value === this.base.ns[kind]) return 'parent';
    const key = `${kind}:${value}`;
    let name = this.names.get(key);
    if (!name) {
      const count = (this.counts.get(kind) ?? 0) + 1;
      this.counts.set(kind, count);
      name = `new${count}`;
      this.names.set(key, name);
    }
    return name;
  }
}

/**
 * "MOUNTPOINT TYPE" of the mounts a scenario makes: /proc and those in $S.
 * Others come and go with the host's other users (on the test machine,
 * other tests mount in their own scratch directories meanwhile). The type
 * of the parent's root is written "<root fs>" (a bind of a directory has it).
 */
function mountKeys(probe: Probe, base: Probe, scratch: string): string[] {
  const rootType = base.mounts?.find((m) => m.mountpoint === '/')?.fstype;
  return (probe.mounts ?? [])
    .filter((m) => m.mountpoint === '/proc' || m.mountpoint.startsWith(scratch))
    .map(
      (m) => `${scrub(m.mountpoint, scratch)} ${m.fstype === rootType ? '<root fs>' : m.fstype}`,
    );
}

/** Elements of `a` not matched one for one in `b`, sorted. */
function minus(a: string[], b: string[]): string[] {
  const left = [...b];
  const out: string[] = [];
  for (const item of a) {
    const at = left.indexOf(item);
    if (at >= 0) left.splice(at, 1);
    else out.push(item);
  }
  return out.sort();
}

function scrub(text: string, scratch: string): string {
  return text.split(scratch).join('$S');
}

function normaliseProbe(
  probe: Probe,
  base: Probe,
  names: NamespaceNames,
  scratch: string,
): Record<string, unknown> {
  const ns: Record<string, string | null> = {};
  for (const [link, value] of Object.entries(probe.ns)) ns[link] = names.name(link, value);
  // Without /proc (a chroot) the namespace is unknown: the numbers then
  // are the parent's, which mean nothing on the other machine.
  const inParentPidNs = ns.pid === 'parent' || ns.pid === null;
  const sameRoot = JSON.stringify(probe.root) === JSON.stringify(base.root);
  // /proc is of the caller's own pid namespace when /proc/self is its pid.
  const parentProc = inParentPidNs || probe.proc_self !== probe.pid;
  const counts = (list: unknown[] | null | undefined) => (list ? list.length : null);
  return {
    label: probe.label,
    pid: inParentPidNs ? 'parent-ns' : probe.pid,
    ppid: inParentPidNs ? 'parent-ns' : probe.ppid,
    pids: probe.pids === null ? null : parentProc ? 'parent /proc' : probe.pids,
    ids: [probe.uid, probe.gid, probe.euid, probe.egid],
    cwd: probe.cwd === null ? null : scrub(probe.cwd, scratch),
    root: sameRoot ? 'parent root' : probe.root,
    hostname: probe.hostname === base.hostname ? '<parent>' : probe.hostname,
    domainname: probe.domainname,
    ns,
    maps: [probe.uid_map, probe.gid_map, probe.setgroups],
    mounts:
      probe.mounts === null
        ? null
        : sameRoot
          ? {
              added: minus(mountKeys(probe, base, scratch), mountKeys(base, base, scratch)),
              removed: minus(mountKeys(base, base, scratch), mountKeys(probe, base, scratch)),
            }
          : mountKeys(probe, base, scratch),
    ipc:
      ns.ipc === 'parent'
        ? 'parent'
        : {
            msg: counts(probe.ipc?.msg),
            sem: counts(probe.ipc?.sem),
            shm: counts(probe.ipc?.shm),
          },
    net: ns.net === 'parent' ? 'parent' : probe.net,
    limits: {
      'pids.max': probe.cgroup?.limits?.['pids.max'] ?? 'max',
      'memory.max': probe.cgroup?.limits?.['memory.max'] ?? 'max',
    },
  };
}

export interface Normalised {
  status: number;
  output: unknown[];
  messages: string[];
}

/** The comparable form of one side's run; throws if the base report is missing. */
export function normalise(run: RunResult, scratch: string): Normalised {
  const lines = run.stdout.split('\n').filter((line) => line !== '');
  const reports = lines.map((line) => {
    if (!line.startsWith('{')) return line;
    try {
      return JSON.parse(line) as Probe;
    } catch {
      return line;
    }
  });
  const baseAt = reports.findIndex((r) => typeof r === 'object' && r.label === BASE_LABEL);
  if (baseAt < 0) {
    throw new Error(`no base report in:\n${run.stdout}\n${run.stderr}`);
  }
  const base = reports[baseAt] as Probe;
  reports.splice(baseAt, 1);
  const names = new NamespaceNames(base);
  return {
    status: run.status,
    output: reports.map((r) =>
      typeof r === 'string' ? scrub(r, scratch) : normaliseProbe(r, base, names, scratch),
    ),
    messages: run.stderr
      .split('\n')
      .filter((line) => TOOL_MESSAGE.test(line))
      .map((line) => scrub(line, scratch)),
  };
}
