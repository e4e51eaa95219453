// Thrown through the program's frames to end it: proc_exit, a kill, or exec.
// The worker catches it at the top and reports nothing more: the kernel
// already knows why the program ended.
export class ProcessExit {
  constructor(readonly reason: 'exit' | 'killed' | 'exec') {}
}
