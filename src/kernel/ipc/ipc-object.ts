// What every System V IPC object has (Linux's kern_ipc_perm): its key, id,
// owner and creator (kernel ids), mode bits, and the permission check
// ipcperms() makes against a caller's credentials. Privilege (Linux's
// CAP_IPC_OWNER, CAP_SYS_ADMIN) is asked in the user namespace owning the
// IPC namespace, as Linux does.
import { capableIn } from '../ns/capability.ts';
import type { IpcNamespace } from '../ns/ipc.ts';
import type { Process } from '../proc/process.ts';
import { ChangeSignal } from './change-signal.ts';

export const READ = 0o444;
export const WRITE = 0o222;

export abstract class IpcObject {
  uid: number;
  gid: number;
  readonly cuid: number;
  readonly cgid: number;
  mode: number;
  /** Seconds since the epoch of the last IPC_SET (or of creation). */
  ctime: number;
  /** Set by IPC_RMID: blocked callers wake with EIDRM. */
  removed = false;
  /** Wakes every caller blocked on this object after any change. */
  readonly changed = new ChangeSignal();

  constructor(
    readonly ns: IpcNamespace,
    public key: number,
    readonly id: number,
    creator: Process,
    mode: number,
    now: number,
  ) {
    const { euid, egid } = creator.credentials;
    this.uid = this.cuid = euid;
    this.gid = this.cgid = egid;
    this.mode = mode & 0o777;
    this.ctime = now;
  }

  get index(): number {
    return this.id % 32768;
  }

  /** Linux's ipcperms: whether `process` may have the `requested` mode bits (READ, WRITE, or a msgget flag's). */
  permits(process: Process, requested: number): boolean {
    const { euid, egid, groups } = process.credentials;
    let granted = this.mode;
    if (euid === this.cuid || euid === this.uid) granted >>= 6;
    else if (
      egid === this.cgid ||
      egid === this.gid ||
      groups.includes(this.cgid) ||
      groups.includes(this.gid)
    ) {
      granted >>= 3;
    }
    const wanted = (requested >> 6) | (requested >> 3) | requested;
    if ((wanted & ~granted & 0o7) === 0) return true;
    return capableIn(process, this.ns.owner ?? process.namespaces.user);
  }

  /** Whether `process` may change or remove the object (owner, creator, or privileged). */
  ownedBy(process: Process): boolean {
    const { euid } = process.credentials;
    if (euid === this.cuid || euid === this.uid) return true;
    return capableIn(process, this.ns.owner ?? process.namespaces.user);
  }

  /** Marks the object gone and wakes everyone blocked on it. */
  markRemoved(): void {
    this.removed = true;
    this.changed.notify();
  }
}
