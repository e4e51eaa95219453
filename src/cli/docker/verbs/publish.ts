// `run -p/--publish` and `-P/--publish-all`: accepted by the parser so that
// they get a clear refusal instead of "unknown shorthand flag". Publishing
// needs a port forwarded from the page or the Node host into a container's
// network namespace, which the networking work has not built yet; `docker
// port` lists nothing until then.
import { flagOn, flagValues, type FlagSpec, type FlagValues } from '../flags.ts';

export const PUBLISH_FLAGS: FlagSpec[] = [
  { long: 'publish', short: 'p', value: true, repeat: true },
  { long: 'publish-all', short: 'P' },
];

/** The message `run`/`create` stop with when ports are asked for, or undefined. */
export function publishRefusal(flags: FlagValues): string | undefined {
  const ports = flagValues(flags, 'publish');
  if (ports.length === 0 && !flagOn(flags, 'publish-all')) return undefined;
  const what = ports.length > 0 ? `-p ${ports.join(' -p ')}` : '-P';
  return `publishing ports (${what}) is not supported yet: bocal does not forward host ports into containers`;
}
