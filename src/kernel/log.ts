// Where the kernel reports its own faults (never a guest's: those go to the
// guest as errnos and exit statuses). The host may redirect it; by default
// it is the host's console, reached through globalThis because the kernel
// is compiled without DOM or Node types.
export type LogSink = (message: string, detail?: unknown) => void;

const hostConsole = (globalThis as unknown as { console: { error: LogSink } }).console;

let sink: LogSink = (message, detail) => hostConsole.error(`bocal kernel: ${message}`, detail);

export function logKernelFault(message: string, detail?: unknown): void {
  sink(message, detail);
}

export function setKernelLog(newSink: LogSink): void {
  sink = newSink;
}
