// The help texts, in the docker CLI's layout (our own wording).
export const USAGE = `
Usage:  docker [OPTIONS] COMMAND

A self-sufficient runtime for containers, on the bocal kernel

Commands:
  create      Create a new container
  images      List images
  inspect     Return low-level information on Docker objects
  kill        Kill one or more running containers
  logs        Fetch the logs of a container
  ps          List containers
  rm          Remove one or more containers
  run         Run a command in a new container
  start       Start one or more stopped containers
  stop        Stop one or more running containers
  wait        Block until one or more containers stop, then print their exit codes

Run 'docker COMMAND --help' for more information on a command.
`;

const VERBS: Record<string, [usage: string, summary: string, options: string]> = {
  run: [
    '[OPTIONS] IMAGE [COMMAND] [ARG...]',
    'Run a command in a new container',
    `  -d, --detach               Run container in background and print container ID
      --entrypoint string    Overwrite the default ENTRYPOINT of the image
  -e, --env list             Set environment variables
  -h, --hostname string      Container host name
  -i, --interactive          Keep STDIN open even if not attached
  -l, --label list           Set meta data on a container
      --name string          Assign a name to the container
      --network string       Connect a container to a network (none or host)
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
  images: [
    '[OPTIONS] [REPOSITORY[:TAG]]',
    'List images',
    `  -a, --all             Show all images (default hides intermediate images)
      --format string   Pretty-print images using a Go template
      --no-trunc        Don't truncate output
  -q, --quiet           Only show image IDs`,
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
    `  -f, --follow         Follow log output
  -n, --tail string    Number of lines to show from the end of the logs (default "all")
  -t, --timestamps     Show timestamps`,
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
};

export function verbUsage(verb: string): string {
  const [usage, summary, options] = VERBS[verb] ?? ['', '', ''];
  return `\nUsage:  docker ${verb} ${usage}\n\n${summary}\n${options ? `\nOptions:\n${options}\n` : ''}`;
}

/** The verb's usage line (after `docker VERB`) and summary. */
export function verbSynopsis(verb: string): [usage: string, summary: string] {
  const [usage, summary] = VERBS[verb] ?? ['', ''];
  return [usage, summary];
}
