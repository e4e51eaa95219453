// The help texts, in the docker CLI's layout (our own wording). `docker`
// alone lists the verbs of this table: one entry per verb ("images") or
// management subcommand ("image ls"), so a new verb's help and its line in
// the command list come from the same place.
type VerbHelp = [usage: string, summary: string, options: string];

const IMAGES_OPTIONS = `  -a, --all             Show all images (default hides intermediate images)
      --digests         Show digests
  -f, --filter filter   Filter output based on conditions provided
      --format string   Pretty-print images using a Go template
      --no-trunc        Don't truncate output
  -q, --quiet           Only show image IDs`;
const RMI_OPTIONS = `  -f, --force      Force removal of the image
      --no-prune   Do not delete untagged parents`;
const TAG_SUMMARY = 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE';
const HISTORY_OPTIONS = `      --format string   Pretty-print images using a Go template
  -H, --human           Print sizes and dates in human readable format
                        (default true)
      --no-trunc        Don't truncate output
  -q, --quiet           Only show image IDs`;
const SAVE_SUMMARY = 'Save one or more images to a tar archive (streamed to STDOUT by default)';
const SAVE_OPTIONS = '  -o, --output string   Write to a file, instead of STDOUT';
const LOAD_OPTIONS = `  -i, --input string   Read from tar archive file, instead of STDIN
  -q, --quiet          Suppress the load output`;
const IMPORT_SUMMARY = 'Import the contents from a tarball to create a filesystem image';
const IMPORT_OPTIONS = `  -c, --change list       Apply Dockerfile instruction to the created image
  -m, --message string    Set commit message for imported image
      --platform string   Set platform if server is multi-platform capable`;
const PULL_SUMMARY = 'Pull an image or a repository from a registry';
const PULL_OPTIONS = `  -a, --all-tags                Download all tagged images in the repository
      --disable-content-trust   Skip image verification (default true)
      --platform string         Set platform if server is multi-platform
                                capable
  -q, --quiet                   Suppress verbose output`;
const PUSH_SUMMARY = 'Push an image or a repository to a registry';
const PUSH_OPTIONS = `  -a, --all-tags                Push all tagged images in the repository
      --disable-content-trust   Skip image signing (default true)
  -q, --quiet                   Suppress verbose output`;
const FORMAT_OPTION = '  -f, --format string   Format the output using the given Go template';

const VERBS: Record<string, VerbHelp> = {
  run: [
    '[OPTIONS] IMAGE [COMMAND] [ARG...]',
    'Run a command in a new container',
    `  -d, --detach               Run container in background and print container ID
      --entrypoint string    Overwrite the default ENTRYPOINT of the image
  -e, --env list             Set environment variables
      --group-add list       Add additional groups to join
  -h, --hostname string      Container host name
  -i, --interactive          Keep STDIN open even if not attached
  -l, --label list           Set meta data on a container
      --name string          Assign a name to the container
      --network string       Connect a container to a network (none or host)
      --restart string       Restart policy to apply when a container exits (default "no")
      --rm                   Automatically remove the container when it exits
  -t, --tty                  Allocate a pseudo-TTY
  -u, --user string          Username or UID (format: <name|uid>[:<group|gid>])
  -w, --workdir string       Working directory inside the container`,
  ],
  create: [
    '[OPTIONS] IMAGE [COMMAND] [ARG...]',
    'Create a new container',
    '  (the options of docker run, except -d and --rm)',
  ],
  start: [
    '[OPTIONS] CONTAINER [CONTAINER...]',
    'Start one or more stopped containers',
    `  -a, --attach               Attach STDOUT/STDERR and forward signals
  -i, --interactive          Attach container's STDIN`,
  ],
  ps: [
    '[OPTIONS]',
    'List containers',
    `  -a, --all             Show all containers (default shows just running)
      --format string   Pretty-print containers using a Go template
  -n, --last int        Show n last created containers (includes all states) (default -1)
  -l, --latest          Show the latest created container (includes all states)
      --no-trunc        Don't truncate output
  -q, --quiet           Only display container IDs
  -s, --size            Display total file sizes`,
  ],
  rm: [
    '[OPTIONS] CONTAINER [CONTAINER...]',
    'Remove one or more containers',
    `  -f, --force     Force the removal of a running container (uses SIGKILL)
  -v, --volumes   Remove anonymous volumes associated with the container`,
  ],
  logs: [
    '[OPTIONS] CONTAINER',
    'Fetch the logs of a container',
    `      --details        Show extra details provided to logs
  -f, --follow         Follow log output
      --since string   Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)
  -n, --tail string    Number of lines to show from the end of the logs (default "all")
  -t, --timestamps     Show timestamps
      --until string   Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)`,
  ],
  inspect: [
    '[OPTIONS] NAME|ID [NAME|ID...]',
    'Return low-level information on Docker objects',
    `  -f, --format string   Format the output using the given Go template`,
  ],
  wait: [
    'CONTAINER [CONTAINER...]',
    'Block until one or more containers stop, then print their exit codes',
    '',
  ],
  stop: [
    '[OPTIONS] CONTAINER [CONTAINER...]',
    'Stop one or more running containers',
    `  -t, --time int   Seconds to wait for stop before killing it (default 10)`,
  ],
  kill: [
    '[OPTIONS] CONTAINER [CONTAINER...]',
    'Kill one or more running containers',
    `  -s, --signal string   Signal to send to the container (default "KILL")`,
  ],
  // ---- images, system, info (verbs/image-verbs.ts) ----
  images: ['[OPTIONS] [REPOSITORY[:TAG]]', 'List images', IMAGES_OPTIONS],
  'volume create': [
    '[OPTIONS] [VOLUME]',
    'Create a volume',
    `  -d, --driver string   Specify volume driver name (default "local")
      --label list      Set metadata for a volume
  -o, --opt map         Set driver specific options (default map[])`,
  ],
  'volume ls': [
    '[OPTIONS]',
    'List volumes',
    `  -f, --filter filter   Provide filter values (e.g. 'dangling=true')
      --format string   Pretty-print volumes using a Go template
  -q, --quiet           Only display volume names`,
  ],
  'volume inspect': [
    '[OPTIONS] VOLUME [VOLUME...]',
    'Display detailed information on one or more volumes',
    `  -f, --format string   Format the output using the given Go template`,
  ],
  'volume rm': [
    '[OPTIONS] VOLUME [VOLUME...]',
    'Remove one or more volumes',
    `  -f, --force   Force the removal of one or more volumes`,
  ],
  'volume prune': [
    '[OPTIONS]',
    'Remove unused local volumes',
    `  -a, --all             Remove all unused volumes, not just anonymous ones
      --filter filter   Provide filter values (e.g. 'label=<label>')
  -f, --force           Do not prompt for confirmation`,
  ],
  'image ls': ['[OPTIONS] [REPOSITORY[:TAG]]', 'List images', IMAGES_OPTIONS],
  rmi: ['[OPTIONS] IMAGE [IMAGE...]', 'Remove one or more images', RMI_OPTIONS],
  'image rm': ['[OPTIONS] IMAGE [IMAGE...]', 'Remove one or more images', RMI_OPTIONS],
  tag: ['SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]', TAG_SUMMARY, ''],
  'image tag': ['SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]', TAG_SUMMARY, ''],
  history: ['[OPTIONS] IMAGE', 'Show the history of an image', HISTORY_OPTIONS],
  'image history': ['[OPTIONS] IMAGE', 'Show the history of an image', HISTORY_OPTIONS],
  'image inspect': [
    '[OPTIONS] IMAGE [IMAGE...]',
    'Display detailed information on one or more images',
    '  -f, --format string   Format the output using the given Go template',
  ],
  'image prune': [
    '[OPTIONS]',
    'Remove unused images',
    `  -a, --all             Remove all unused images, not just dangling ones
      --filter filter   Provide filter values (e.g. 'until=<timestamp>')
  -f, --force           Do not prompt for confirmation`,
  ],
  save: ['[OPTIONS] IMAGE [IMAGE...]', SAVE_SUMMARY, SAVE_OPTIONS],
  'image save': ['[OPTIONS] IMAGE [IMAGE...]', SAVE_SUMMARY, SAVE_OPTIONS],
  load: ['[OPTIONS]', 'Load an image from a tar archive or STDIN', LOAD_OPTIONS],
  'image load': ['[OPTIONS]', 'Load an image from a tar archive or STDIN', LOAD_OPTIONS],
  import: ['[OPTIONS] file|URL|- [REPOSITORY[:TAG]]', IMPORT_SUMMARY, IMPORT_OPTIONS],
  'image import': ['[OPTIONS] file|URL|- [REPOSITORY[:TAG]]', IMPORT_SUMMARY, IMPORT_OPTIONS],
  version: [
    '[OPTIONS]',
    'Show the Docker version information',
    '  -f, --format string   Format the output using the given Go template',
  ],
  info: ['[OPTIONS]', 'Display system-wide information', FORMAT_OPTION],
  'system info': ['[OPTIONS]', 'Display system-wide information', FORMAT_OPTION],
  'system df': [
    '[OPTIONS]',
    'Show docker disk usage',
    `      --format string   Pretty-print images using a Go template
  -v, --verbose         Show detailed information on space usage`,
  ],
  'system prune': [
    '[OPTIONS]',
    'Remove unused data',
    `  -a, --all             Remove all unused images not just dangling ones
      --filter filter   Provide filter values (e.g. 'label=<key>=<value>')
  -f, --force           Do not prompt for confirmation
      --volumes         Prune volumes`,
  ],
  pull: ['[OPTIONS] NAME[:TAG|@DIGEST]', PULL_SUMMARY, PULL_OPTIONS],
  'image pull': ['[OPTIONS] NAME[:TAG|@DIGEST]', PULL_SUMMARY, PULL_OPTIONS],
  push: ['[OPTIONS] NAME[:TAG]', PUSH_SUMMARY, PUSH_OPTIONS],
  'image push': ['[OPTIONS] NAME[:TAG]', PUSH_SUMMARY, PUSH_OPTIONS],
  port: [
    'CONTAINER [PRIVATE_PORT[/PROTO]]',
    'List port mappings or a specific mapping for the container',
    '',
  ],
  diff: ['CONTAINER', "Inspect changes to files or directories on a container's filesystem", ''],
  export: [
    '[OPTIONS] CONTAINER',
    "Export a container's filesystem as a tar archive",
    `  -o, --output string   Write to a file, instead of STDOUT`,
  ],
  commit: [
    '[OPTIONS] CONTAINER [REPOSITORY[:TAG]]',
    "Create a new image from a container's changes",
    `  -a, --author string    Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")
  -c, --change list      Apply Dockerfile instruction to the created image
  -m, --message string   Commit message
  -p, --pause            Pause container during commit (default true)`,
  ],
  cp: [
    '[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH',
    'Copy files/folders between a container and the local filesystem',
    `  -a, --archive       Archive mode (copy all uid/gid information)
  -L, --follow-link   Always follow symbol link in SRC_PATH
  -q, --quiet         Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached`,
  ],
  // ---- a container's life after run (verbs/lifecycle-verbs.ts) ----
  exec: [
    '[OPTIONS] CONTAINER COMMAND [ARG...]',
    'Run a command in a running container',
    `  -d, --detach               Detached mode: run command in the background
  -e, --env list             Set environment variables
  -i, --interactive          Keep STDIN open even if not attached
  -t, --tty                  Allocate a pseudo-TTY
  -u, --user string          Username or UID (format: <name|uid>[:<group|gid>])
  -w, --workdir string       Working directory inside the container`,
  ],
  top: ['CONTAINER [ps OPTIONS]', 'Display the running processes of a container', ''],
  pause: ['CONTAINER [CONTAINER...]', 'Pause all processes within one or more containers', ''],
  unpause: ['CONTAINER [CONTAINER...]', 'Unpause all processes within one or more containers', ''],
  restart: [
    '[OPTIONS] CONTAINER [CONTAINER...]',
    'Restart one or more containers',
    '  -t, --time int   Seconds to wait for stop before killing the container (default 10)',
  ],
  rename: ['CONTAINER NEW_NAME', 'Rename a container', ''],
  attach: [
    '[OPTIONS] CONTAINER',
    'Attach local standard input, output, and error streams to a running container',
    `      --detach-keys string   Key sequence for detaching (only ctrl-p,ctrl-q here)
      --no-stdin             Do not attach STDIN`,
  ],
  events: [
    '[OPTIONS]',
    'Get real time events from the server',
    `  -f, --filter filter   Filter output based on conditions provided
      --format string   Format the output using the given Go template
      --since string    Show all events created since timestamp
      --until string    Stream events until this timestamp`,
  ],
  stats: [
    '[OPTIONS] [CONTAINER...]',
    'Display a live stream of container(s) resource usage statistics',
    `  -a, --all             Show all containers (default shows just running)
      --format string   Pretty-print images using a Go template
      --no-stream       Disable streaming stats and only pull the first result
      --no-trunc        Do not truncate output`,
  ],
  'container prune': [
    '[OPTIONS]',
    'Remove all stopped containers',
    `  -f, --force           Do not prompt for confirmation`,
  ],
};

export function verbUsage(given: string): string {
  const verb = canonicalVerb(given);
  const [usage, summary, options] = VERBS[verb] ?? ['', '', ''];
  const aliases = aliasesOf(verb);
  return `\nUsage:  docker ${verb} ${usage}\n\n${summary}\n${aliases ? `\nAliases:\n  ${aliases}\n` : ''}${options ? `\nOptions:\n${options}\n` : ''}`;
}

/** The verb's usage line (after `docker VERB`) and summary. */
export function verbSynopsis(verb: string): [usage: string, summary: string] {
  const [usage, summary] = VERBS[canonicalVerb(verb)] ?? ['', ''];
  return [usage, summary];
}

/** The management commands (`docker image ...`); their subcommands are `VERBS['image ls']`. */
const MANAGEMENT: Record<string, string> = {
  container: 'Manage containers',
  image: 'Manage images',
  network: 'Manage networks',
  system: 'Manage Docker',
  volume: 'Manage volumes',
};

/** Other names of a subcommand, as the docker CLI's aliases. */
const ALIASES: Record<string, string> = {
  'image list': 'image ls',
  'image rmi': 'image rm',
  'image remove': 'image rm',
  'container ps': 'container ls',
  'container list': 'container ls',
  'container remove': 'container rm',
  'volume list': 'volume ls',
  'volume remove': 'volume rm',
  'network list': 'network ls',
  'network remove': 'network rm',
};

export const canonicalVerb = (verb: string): string => ALIASES[verb] ?? verb;

export const hasUsage = (verb: string): boolean => canonicalVerb(verb) in VERBS;

const commandList = (names: string[], summary: (name: string) => string): string => {
  const width = Math.max(11, ...names.map((n) => n.length));
  return names.map((name) => `  ${name.padEnd(width)} ${summary(name)}\n`).join('');
};

/** `docker` alone and `docker --help`: the management commands and verbs there are. */
export function mainUsage(): string {
  const topLevel = Object.keys(VERBS)
    .filter((verb) => !verb.includes(' '))
    .sort();
  const management = Object.keys(MANAGEMENT).filter((name) =>
    Object.keys(VERBS).some((verb) => verb.startsWith(`${name} `)),
  );
  return `
Usage:  docker [OPTIONS] COMMAND

A self-sufficient runtime for containers, on the bocal kernel

Options:
  -v, --version            Print version information and quit

Management Commands:
${commandList(management, (name) => MANAGEMENT[name]!)}
Commands:
${commandList(topLevel, (verb) => VERBS[verb]![1])}
Run 'docker COMMAND --help' for more information on a command.
`;
}

/** `docker image` alone or `docker image --help`: its subcommands. */
export function managementUsage(name: string): string {
  const subcommands = Object.keys(VERBS)
    .filter((verb) => verb.startsWith(`${name} `))
    .map((verb) => verb.slice(name.length + 1))
    .sort();
  return `
Usage:  docker ${name} COMMAND

${MANAGEMENT[name] ?? ''}

Commands:
${commandList(subcommands, (sub) => VERBS[`${name} ${sub}`]![1])}
Run 'docker ${name} COMMAND --help' for more information on a command.
`;
}

export const isManagementCommand = (name: string): boolean => name in MANAGEMENT;

/** The aliases line of a subcommand's help ("ls, list"). */
function aliasesOf(verb: string): string | undefined {
  const sub = verb.slice(verb.indexOf(' ') + 1);
  const others = Object.entries(ALIASES)
    .filter(([, target]) => target === verb)
    .map(([alias]) => alias.slice(alias.indexOf(' ') + 1));
  return verb.includes(' ') && others.length > 0 ? [sub, ...others].join(', ') : undefined;
}
