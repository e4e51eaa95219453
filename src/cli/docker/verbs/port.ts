// `docker port CONTAINER [PRIVATE_PORT[/PROTO]]`. Containers publish no
// ports yet (networking has no sockets to forward): the listing is empty
// and asking for a port is Docker's "No public port ... published".
import type { Engine } from '../../../engine/engine.ts';
import { EngineError } from '../../../engine/errors.ts';
import { HELP, rangeArgs, type DockerIO } from '../command.ts';
import { parseFlags } from '../flags.ts';

export async function portCommand(argv: string[], io: DockerIO, engine: Engine) {
  const { args } = parseFlags(argv, [HELP], true);
  rangeArgs(args, 'port', 1, 2);
  const [name, port] = args as [string, string | undefined];
  try {
    engine.inspect(name);
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    await io.err(`Error: ${error.message}\n`);
    return 1;
  }
  if (port === undefined) return 0;
  const [number, proto = 'tcp'] = port.split('/') as [string, string?];
  if (!/^\d+$/.test(number) || Number(number) > 65535) {
    await io.err(
      `strconv.ParseUint: parsing "${number}": ${/^\d+$/.test(number) ? 'value out of range' : 'invalid syntax'}\n`,
    );
    return 1;
  }
  await io.err(`Error: No public port '${number}/${proto}' published for ${name}\n`);
  return 1;
}
