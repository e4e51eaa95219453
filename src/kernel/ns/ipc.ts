// The IPC namespace: System V message queues, semaphore sets and shared
// memory segments, and their ipcs view, are per namespace. The objects
// themselves live under src/kernel/ipc/ (the SysV IPC work).
import { NamespaceKind } from './kind.ts';
import { Namespace } from './namespace.ts';

export class IpcNamespace extends Namespace {
  readonly kind = NamespaceKind.Ipc;
}
