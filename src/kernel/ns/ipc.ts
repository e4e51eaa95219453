// The IPC namespace: System V message queues, semaphore sets and shared
// memory segments, and their ipcs view, are per namespace. The objects
// themselves live under src/kernel/ipc/; a new namespace starts empty with
// the default limits, and its objects go when nothing refers to it.
import { IpcIds } from '../ipc/ipc-ids.ts';
import { IpcLimits } from '../ipc/limits.ts';
import type { MsgQueue } from '../ipc/msg-queue.ts';
import type { SemSet } from '../ipc/sem-set.ts';
import type { ShmSegment } from '../ipc/shm-segment.ts';
import { NamespaceKind } from './kind.ts';
import { Namespace } from './namespace.ts';

export class IpcNamespace extends Namespace {
  readonly kind = NamespaceKind.Ipc;
  readonly limits = new IpcLimits();
  readonly msg = new IpcIds<MsgQueue>(() => this.limits.msgmni);
  readonly sem = new IpcIds<SemSet>(() => this.limits.semmni);
  readonly shm = new IpcIds<ShmSegment>(() => this.limits.shmmni);
}
