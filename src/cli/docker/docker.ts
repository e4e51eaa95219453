// The docker command: Docker's verbs, flags, output formats, messages and
// exit codes, over an Engine. Platform-neutral: the caller gives the
// streams (Node's for `bocal`, a process's fds for /usr/bin/docker).
import { SIGNAL_NAMES } from '../../kernel/abi/signals.ts';
import { EngineError } from '../../engine/errors.ts';
import type { Engine } from '../../engine/engine.ts';
import { StateError } from '../../engine/state.ts';
import { ImageError } from '../../image/errors.ts';
import { familiarString, parseReference } from '../../image/reference.ts';
import { flagOn, flagValue, flagValues, FlagError, parseFlags, type FlagSpec } from './flags.ts';
import {
  ArgumentError,
  formatRows,
  HELP,
  needArgs,
  type Command,
  type DockerIO,
} from './command.ts';
import { parseTemplate, TemplateError } from './template.ts';
import { quoteCommand, statusText } from './container-text.ts';
import { humanDuration } from './units.ts';
import {
  canonicalVerb,
  hasUsage,
  isManagementCommand,
  mainUsage,
  managementUsage,
  verbUsage,
} from './usage.ts';
import { imageVerbs } from './verbs/image-verbs.ts';
import { imageInspectDocument } from './verbs/image-inspect.ts';
import { PUBLISH_FLAGS, publishRefusal } from './verbs/publish.ts';
import { BOCAL_BUILD, BOCAL_VERSION } from './verbs/version.ts';
import { commitVerb } from './verbs/commit.ts';
import { cpVerb } from './verbs/cp.ts';
import { readEnvFiles, RUNTIME_RUN_FLAGS, runtimeHostConfig } from './run-flags.ts';
import { attachSession, proxySignal } from './attach-session.ts';
import { parseDetachKeys } from './detach-keys.ts';
import { FileError } from './files.ts';
import { diffVerb } from './verbs/diff.ts';
import { exportVerb } from './verbs/export.ts';
import { volumeVerbs } from './verbs/volume.ts';
import { lifecycleVerbs } from './verbs/lifecycle-verbs.ts';
import { eachFoundContainer } from './verbs/each-container.ts';
import { restartPolicyFlag } from './verbs/restart.ts';

export type { DockerIO } from './command.ts';

const RUN_FLAGS: FlagSpec[] = [
  HELP,
  { long: 'detach', short: 'd' },
  { long: 'interactive', short: 'i' },
  { long: 'tty', short: 't' },
  { long: 'rm' },
  { long: 'name', value: true },
  { long: 'env', short: 'e', value: true, repeat: true },
  { long: 'workdir', short: 'w', value: true },
  { long: 'user', short: 'u', value: true },
  { long: 'hostname', short: 'h', value: true },
  { long: 'entrypoint', value: true },
  { long: 'network', value: true },
  { long: 'label', short: 'l', value: true, repeat: true },
  { long: 'restart', value: true },
  { long: 'detach-keys', value: true },
  { long: 'sig-proxy' },
  ...RUNTIME_RUN_FLAGS,
  ...PUBLISH_FLAGS,
];

export async function docker(
  argv: readonly string[],
  io: DockerIO,
  engine: Engine,
): Promise<number> {
  let [verb, ...rest] = argv;
  if (verb === 'help' && rest.length > 0) {
    // `docker help rmi`, `docker help image ls`: that command's help.
    const topic = canonicalVerb(rest.join(' '));
    if (isManagementCommand(topic)) {
      await io.out(managementUsage(topic));
      return 0;
    }
    if (!hasUsage(topic)) {
      await io.err(`unknown help topic: ${rest.join(' ')}\n`);
      return 1;
    }
    await io.out(verbUsage(topic));
    return 0;
  }
  if (verb === undefined || verb === '--help' || verb === 'help') {
    await io.out(mainUsage());
    return 0;
  }
  if (verb === '-v' || verb === '--version') {
    await io.out(`Docker version ${BOCAL_VERSION}, build ${BOCAL_BUILD}\n`);
    return 0;
  }
  if (isManagementCommand(verb)) {
    // `docker image ls ...` runs the verb registered as 'image ls'.
    const sub = rest[0];
    if (sub === undefined || sub === '--help') {
      await io.out(managementUsage(verb));
      return 0;
    }
    if (sub.startsWith('-')) {
      await io.err(`unknown flag: ${sub}\nSee 'docker ${verb} --help'.\n${managementUsage(verb)}`);
      return 125;
    }
    if (!COMMANDS[canonicalVerb(`${verb} ${sub}`)]) {
      await io.err(managementUsage(verb));
      return 1;
    }
    verb = canonicalVerb(`${verb} ${sub}`);
    rest = rest.slice(1);
  }
  if (verb.startsWith('-')) {
    await io.err(`unknown flag: ${verb}\nSee 'docker --help'.\n`);
    return 125;
  }
  const command = COMMANDS[verb];
  if (!command) {
    await io.err(`docker: '${verb}' is not a docker command.\nSee 'docker --help'\n`);
    return 1;
  }
  try {
    if (rest.includes('--help')) {
      await io.out(verbUsage(verb));
      return 0;
    }
    // Another engine on the store (the bocal daemon beside `bocal shell`) may have changed it.
    await engine.refresh();
    return await command(rest, io, engine);
  } catch (error) {
    if (error instanceof FlagError) {
      await io.err(`${error.message}\nSee 'docker ${verb} --help'.\n`);
      return 125;
    }
    if (error instanceof ArgumentError) {
      await io.err(`${error.message}\n`);
      return 1;
    }
    if (error instanceof ImageError && error.code === 'invalid-reference') {
      await io.err(`docker: ${error.message}.\nSee 'docker ${verb} --help'.\n`);
      return 125;
    }
    if (error instanceof TemplateError) {
      await io.err(`${error.message}\n`);
      return 1;
    }
    const message =
      error instanceof EngineError || error instanceof StateError || error instanceof ImageError
        ? error.message
        : String(error instanceof Error ? error.message : error);
    const runLike = verb === 'run' || verb === 'create';
    await io.err(
      `${runLike ? 'docker: ' : ''}Error response from daemon: ${message}.\n`.replace(
        '..\n',
        '.\n',
      ),
    );
    if (error instanceof EngineError && error.code === 'command-not-found') return 127;
    if (error instanceof EngineError && error.code === 'command-not-executable') return 126;
    return runLike ? 125 : 1;
  }
}

const COMMANDS: Record<string, Command> = {
  ...imageVerbs,
  run: (argv, io, engine) => runCommand(argv, io, engine, true),
  create: (argv, io, engine) => runCommand(argv, io, engine, false),
  start: startCommand,
  ps: psCommand,
  rm: rmCommand,
  inspect: inspectCommand,
  wait: waitCommand,
  stop: stopCommand,
  kill: killCommand,
  diff: diffVerb,
  export: exportVerb,
  commit: commitVerb,
  cp: cpVerb,
  ...volumeVerbs,
  ...lifecycleVerbs,
};

/** The image as the user named it, checked for Docker's reference grammar. */
function imageName(text: string): string {
  const reference = parseReference(text);
  return familiarString(reference);
}

/**
 * dockerd refused to create the container. The docker CLI's run reports it
 * as its own error, with the help line, status 125; create passes the
 * daemon's answer on as it is, status 1.
 */
async function refusedAtCreate(io: DockerIO, verb: string, message: string): Promise<number> {
  if (verb === 'create') {
    await io.err(`Error response from daemon: ${message}\n`);
    return 1;
  }
  // The CLI's reportError ends the text with one period.
  const sentence = `${message.replace(/\.$/, '')}.`;
  await io.err(`docker: Error response from daemon: ${sentence}\nSee 'docker ${verb} --help'.\n`);
  return 125;
}

async function runCommand(
  argv: string[],
  io: DockerIO,
  engine: Engine,
  start: boolean,
): Promise<number> {
  const verb = start ? 'run' : 'create';
  const { flags, args } = parseFlags(argv, RUN_FLAGS);
  needArgs(args, verb, 1);
  const [image, ...cmd] = args as [string, ...string[]];
  const reference = imageName(image);
  const found = await engine.images.find(image);
  if (!found) {
    await io.err(`Unable to find image '${reference}' locally\n`);
    const available = await engine.images.availableTags();
    await io.err(
      `docker: Error response from daemon: pull access denied for ${reference.replace(/:[^:/]*$/, '')}: bocal has no registry (offline); images available here: ${available.join(', ') || 'none'}.\nSee 'docker ${verb} --help'.\n`,
    );
    return 125;
  }
  const refusal = publishRefusal(flags);
  if (refusal) {
    await io.err(`docker: ${refusal}.\nSee 'docker ${verb} --help'.\n`);
    return 125;
  }
  const network = flagValue(flags, 'network') ?? 'default';
  if (!['none', 'host', 'default', 'bridge'].includes(network)) {
    await io.err(`docker: Error response from daemon: network ${network} not found.\n`);
    return 125;
  }
  const entrypoint = flagValue(flags, 'entrypoint');
  const labels: Record<string, string> = {};
  for (const label of flagValues(flags, 'label')) {
    const eq = label.indexOf('=');
    labels[eq >= 0 ? label.slice(0, eq) : label] = eq >= 0 ? label.slice(eq + 1) : '';
  }
  const detach = flagOn(flags, 'detach');
  const keys = parseDetachKeys(flagValue(flags, 'detach-keys'));
  if (typeof keys === 'string') {
    await io.err(`docker: ${keys}.\nSee 'docker ${verb} --help'.\n`);
    return 125;
  }
  const autoRemove = flagOn(flags, 'rm');
  const restart = restartPolicyFlag(flagValue(flags, 'restart'), autoRemove);
  if (typeof restart === 'string') {
    await io.err(`docker: ${restart}.\nSee 'docker ${verb} --help'.\n`);
    return 125;
  }
  const host = runtimeHostConfig(flags);
  let envFiles: string[];
  try {
    envFiles = await readEnvFiles(flags, io);
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    await io.err(`docker: ${error.message}.\nSee 'docker ${verb} --help'.\n`);
    return 125;
  }
  let record: Awaited<ReturnType<Engine['create']>>;
  try {
    record = await engine.create({
      host,
      image,
      found,
      name: flagValue(flags, 'name'),
      cmd,
      entrypoint: entrypoint === undefined ? undefined : entrypoint === '' ? [] : [entrypoint],
      env: [...envFiles, ...flagValues(flags, 'env')],
      workdir: flagValue(flags, 'workdir'),
      hostname: flagValue(flags, 'hostname'),
      user: flagValue(flags, 'user'),
      tty: flagOn(flags, 'tty'),
      openStdin: flagOn(flags, 'interactive'),
      autoRemove,
      network: network === 'bridge' ? 'default' : (network as 'none' | 'host' | 'default'),
      labels,
    });
  } catch (error) {
    if (!(
      error instanceof EngineError ||
      error instanceof StateError ||
      error instanceof ImageError
    ))
      throw error;
    return refusedAtCreate(io, verb, error.message);
  }
  if (restart.Name !== 'no') engine.setRestartPolicy(record.Id, restart);
  if (!start || detach) {
    if (start) await engine.start(record.Id);
    await io.out(`${record.Id}\n`);
    return 0;
  }
  const started = async () => {
    try {
      await engine.start(record.Id);
    } catch (error) {
      if (autoRemove) await engine.remove(record.Id, true).catch(() => undefined);
      throw error;
    }
  };
  if (record.Config.Tty) {
    // Its own terminal, relayed to the caller's as `docker attach` does; the
    // detach keys leave it running and end the command with 0, as Docker's.
    engine.attach(record.Id, { size: io.terminalSize?.() });
    const end = await attachSession(engine, record, io, {
      input: record.Config.OpenStdin && io.stdin !== undefined,
      keys,
      start: started,
    });
    return 'status' in end ? end.status : 0;
  }
  engine.attach(record.Id, { stdout: io.out, stderr: io.err, stdin: io.stdin });
  await started();
  // --sig-proxy (on unless =false): the caller's signals go to the container.
  const sigProxy = !flags.has('sig-proxy') || flagOn(flags, 'sig-proxy');
  const stopProxy = sigProxy
    ? io.onSignal?.((signal) => proxySignal(engine, record.Id, signal))
    : undefined;
  try {
    return await engine.wait(record.Id);
  } finally {
    stopProxy?.();
  }
}

async function startCommand(argv: string[], io: DockerIO, engine: Engine): Promise<number> {
  const { flags, args } = parseFlags(
    argv,
    [HELP, { long: 'attach', short: 'a' }, { long: 'interactive', short: 'i' }],
    true,
  );
  needArgs(args, 'start', 1);
  const attach = flagOn(flags, 'attach') || flagOn(flags, 'interactive');
  let status = 0;
  for (const name of args) {
    try {
      const record = attach ? engine.inspect(name) : undefined;
      if (record?.Config.Tty && !record.State.Running) {
        // Its own terminal relayed to the caller's, as run -t's (attach-session.ts).
        engine.attach(name, { size: io.terminalSize?.() });
        const end = await attachSession(engine, record, io, {
          input: flagOn(flags, 'interactive') && record.Config.OpenStdin && io.stdin !== undefined,
          keys: parseDetachKeys(undefined) as Uint8Array,
          start: () => engine.start(name),
        });
        return 'status' in end ? end.status : 0;
      }
      if (attach) engine.attach(name, { stdout: io.out, stderr: io.err, stdin: io.stdin });
      await engine.start(name);
      if (attach) return await engine.wait(name);
      await io.out(`${name}\n`);
    } catch (error) {
      if (!(error instanceof EngineError || error instanceof StateError)) throw error;
      await io.err(`Error response from daemon: ${error.message}\n`);
      status = 1;
    }
  }
  if (status) await io.err('Error: failed to start containers: ' + args.join(', ') + '\n');
  return status;
}

async function psCommand(argv: string[], io: DockerIO, engine: Engine): Promise<number> {
  const { flags, args } = parseFlags(
    argv,
    [
      HELP,
      { long: 'all', short: 'a' },
      { long: 'quiet', short: 'q' },
      { long: 'no-trunc' },
      { long: 'latest', short: 'l' },
      { long: 'last', short: 'n', value: true },
      { long: 'size', short: 's' },
      { long: 'format', value: true },
    ],
    true,
  );
  if (args.length > 0) {
    throw new ArgumentError(
      `"docker ps" accepts no arguments.
See 'docker ps --help'.

Usage:  docker ps [OPTIONS]

List containers`,
    );
  }
  const last = flagOn(flags, 'latest') ? 1 : Number(flagValue(flags, 'last') ?? -1);
  let records = engine.list(flagOn(flags, 'all') || last > 0);
  if (last > 0) records = records.slice(0, last);
  const full = flagOn(flags, 'no-trunc');
  const now = io.now();
  const images = await imageNames(engine);
  const rows = records.map((record) => ({
    ID: full ? record.Id : record.Id.slice(0, 12),
    Image: record.Config.Image || images.get(record.Image) || record.Image,
    Command: quoteCommand(record, full),
    CreatedAt: record.Created,
    RunningFor: `${humanDuration(now - Date.parse(record.Created))} ago`,
    Ports: '',
    State: record.State.Status,
    Status: statusText(record, now),
    Size: '0B',
    Names: record.Name.slice(1),
    Labels: Object.entries(record.Config.Labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
    Mounts: '',
    Networks: record.HostConfig.NetworkMode,
  }));
  if (flagOn(flags, 'quiet')) {
    await io.out(rows.map((row) => `${row.ID}\n`).join(''));
    return 0;
  }
  const format = flagValue(flags, 'format');
  const headers: Record<string, string> = {
    ID: 'CONTAINER ID',
    Image: 'IMAGE',
    Command: 'COMMAND',
    CreatedAt: 'CREATED AT',
    RunningFor: 'CREATED',
    Ports: 'PORTS',
    State: 'STATE',
    Status: 'STATUS',
    Size: 'SIZE',
    Names: 'NAMES',
    Labels: 'LABELS',
    Mounts: 'MOUNTS',
    Networks: 'NETWORKS',
  };
  const fields = flagOn(flags, 'size')
    ? ['ID', 'Image', 'Command', 'RunningFor', 'Status', 'Ports', 'Names', 'Size']
    : ['ID', 'Image', 'Command', 'RunningFor', 'Status', 'Ports', 'Names'];
  await io.out(formatRows(format, headers, fields, rows, 'formatter.containerContext'));
  return 0;
}

async function imageNames(engine: Engine): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const image of await engine.images.list()) {
    if (image.repoTags[0]) names.set(image.id, image.repoTags[0]);
  }
  return names;
}

async function rmCommand(argv: string[], io: DockerIO, engine: Engine): Promise<number> {
  const { flags, args } = parseFlags(
    argv,
    [
      HELP,
      { long: 'force', short: 'f' },
      { long: 'volumes', short: 'v' },
      { long: 'link', short: 'l' },
    ],
    true,
  );
  needArgs(args, 'rm', 1);
  const force = flagOn(flags, 'force');
  return eachFoundContainer(args, io, async (name) => {
    await engine.remove(name, force, flagOn(flags, 'volumes'));
    return name;
  });
}

/** `inspect --type`: the kinds of object the CLI knows ('' for any). */
const INSPECT_TYPES = [
  '',
  'container',
  'image',
  'network',
  'node',
  'plugin',
  'secret',
  'service',
  'task',
  'volume',
];

async function inspectCommand(argv: string[], io: DockerIO, engine: Engine): Promise<number> {
  const { flags, args } = parseFlags(
    argv,
    [
      HELP,
      { long: 'format', short: 'f', value: true },
      { long: 'size', short: 's' },
      { long: 'type', value: true },
    ],
    true,
  );
  needArgs(args, 'inspect', 1);
  const type = flagValue(flags, 'type') ?? '';
  if (!INSPECT_TYPES.includes(type)) {
    await io.err(`"${type}" is not a valid value for --type\n`);
    return 1;
  }
  const documents: unknown[] = [];
  let status = 0;
  for (const name of args) {
    try {
      if (type !== '' && type !== 'container') throw new EngineError('not-found', name);
      documents.push(engine.inspect(name));
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      const image =
        type === '' || type === 'image'
          ? await engine.images.find(name).catch(() => undefined)
          : undefined;
      if (image) {
        documents.push(await imageInspectDocument(engine, image));
        continue;
      }
      await io.err(`Error: No such ${type || 'object'}: ${name}\n`);
      status = 1;
    }
  }
  const format = flagValue(flags, 'format');
  if (format !== undefined) {
    const template = parseTemplate(format, 'types.ContainerJSON');
    for (const document of documents)
      await io.out(`${template.render(document as Record<string, unknown>)}\n`);
  } else {
    await io.out(`${JSON.stringify(documents, null, 4)}\n`);
  }
  return status;
}

async function waitCommand(argv: string[], io: DockerIO, engine: Engine): Promise<number> {
  const { args } = parseFlags(argv, [HELP], true);
  needArgs(args, 'wait', 1);
  return eachFoundContainer(args, io, async (name) => String(await engine.wait(name)));
}

async function stopCommand(argv: string[], io: DockerIO, engine: Engine): Promise<number> {
  const { flags, args } = parseFlags(argv, [HELP, { long: 'time', short: 't', value: true }], true);
  needArgs(args, 'stop', 1);
  const time = Number(flagValue(flags, 'time') ?? 10);
  return eachFoundContainer(args, io, async (name) => {
    await engine.stop(name, time);
    return name;
  });
}

async function killCommand(argv: string[], io: DockerIO, engine: Engine): Promise<number> {
  const { flags, args } = parseFlags(
    argv,
    [HELP, { long: 'signal', short: 's', value: true }],
    true,
  );
  needArgs(args, 'kill', 1);
  const text = (flagValue(flags, 'signal') ?? 'KILL').toUpperCase().replace(/^SIG/, '');
  const signal = /^\d+$/.test(text) ? Number(text) : SIGNAL_NAMES.indexOf(`SIG${text}`);
  if (signal <= 0 || signal >= SIGNAL_NAMES.length) {
    await io.err(`Error response from daemon: Invalid signal: ${flagValue(flags, 'signal')}\n`);
    return 1;
  }
  return eachFoundContainer(args, io, async (name) => {
    engine.kill(name, signal);
    return name;
  });
}
