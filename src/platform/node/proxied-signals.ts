// The signals a docker client forwards to the container it is attached to
// (--sig-proxy, for a container without a terminal): caught in this Node
// process instead of ending it, as the docker CLI's ForwardAllSignals does
// for the signals a user sends (SIGCHLD and SIGPIPE are its own, not the
// container's).
import { Signal } from '../../kernel/abi/signals.ts';

const PROXIED: [NodeJS.Signals, number][] = [
  ['SIGINT', Signal.SIGINT],
  ['SIGTERM', Signal.SIGTERM],
  ['SIGHUP', Signal.SIGHUP],
  ['SIGQUIT', Signal.SIGQUIT],
  ['SIGUSR1', Signal.SIGUSR1],
  ['SIGUSR2', Signal.SIGUSR2],
];

/** Gives `listener` the number of each proxied signal this process gets; returns the undo. */
export function catchSignals(listener: (signal: number) => void): () => void {
  const handlers = PROXIED.map(([name, number]) => {
    const handler = () => listener(number);
    process.on(name, handler);
    return [name, handler] as const;
  });
  return () => {
    for (const [name, handler] of handlers) process.off(name, handler);
  };
}
