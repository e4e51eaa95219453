// What every docker verb shares: the caller's streams (DockerIO), the verb
// signature, the --help flag, Docker's "requires N arguments" error and the
// table/--format rendering of listings. Verbs live in verbs/, one file per
// verb or family, and are registered in docker.ts's table.
import type { OpenFile } from '../../kernel/fs/open-file.ts';
import type { Engine } from '../../engine/engine.ts';
import { EngineError } from '../../engine/errors.ts';
import { StateError } from '../../engine/state.ts';
import { ImageError } from '../../image/errors.ts';
import type { DockerFiles } from './files.ts';
import type { FlagSpec } from './flags.ts';
import type { HostInfo } from './host-info.ts';
import { renderTable } from './table.ts';
import { parseTemplate } from './template.ts';
import { verbSynopsis } from './usage.ts';

export interface DockerIO {
  out(text: string | Uint8Array): Promise<void> | void;
  err(text: string | Uint8Array): Promise<void> | void;
  /** The caller's stdin, for `run -i`. */
  stdin?: OpenFile;
  /** The caller's terminal as fds 0, 1, 2, given to a container made with -t. */
  terminal?: OpenFile[];
  /** Give a -t exec the kernel's console (as its controlling terminal) instead. */
  console?: boolean;
  /**
   * Routes the caller's terminal to the kernel's console while a -t exec
   * has it, raw when the caller's keys go there too (-i); returns the undo.
   */
  useConsole?: (raw: boolean) => () => void;
  /**
   * The caller's terminal made raw (no echo, no line editing, no output
   * processing) while a -t container's terminal is relayed to it, as the
   * docker CLI does; see RawTerminal.
   */
  rawTerminal?: () => RawTerminal;
  /** The caller's window size, for a -t container's terminal. */
  terminalSize?: () => [rows: number, columns: number] | undefined;
  /**
   * Catches the signals the caller gets (SIGINT, SIGTERM, ...) and gives
   * their numbers to `listener` instead, for --sig-proxy; returns the undo.
   */
  onSignal?: (listener: (signal: number) => void) => () => void;
  /** Calls `listener` when the caller's window changes size; returns the unsubscriber. */
  onTerminalResize?: (listener: (rows: number, columns: number) => void) => () => void;
  /** stdout / stdin are terminals: `save` will not write an archive there, `load` not wait on one. */
  stdoutTerminal?: boolean;
  stdinTerminal?: boolean;
  /** The caller's files and stdin as byte streams (save -o, load -i, import FILE|-). */
  files?: DockerFiles;
  /** The machine the engine runs on, for `docker info` (a default without it). */
  host?: () => Promise<HostInfo>;
  now(): number;
}

export interface RawTerminal {
  /** Gives the terminal its modes back. */
  restore(): void;
  /**
   * The keys typed on it, when reading `stdin` could not be given up at the
   * end (a kernel terminal's read would take the next key from the caller's
   * shell): reads end (0 bytes) once restored.
   */
  read?: (length: number) => Promise<Uint8Array>;
}

export type Command = (argv: string[], io: DockerIO, engine: Engine) => Promise<number>;

/** A wrong number of arguments: the CLI prints its text with the verb's usage and exits 1. */
export class ArgumentError extends Error {}

export const HELP: FlagSpec = { long: 'help' };

/** Docker's check of the argument count: "requires at least/exactly N argument(s)". */
export function needArgs(args: string[], verb: string, min: number, exactly = false): void {
  if (exactly ? args.length === min : args.length >= min) return;
  const [usage, summary] = verbSynopsis(verb);
  const count = `${exactly ? 'exactly' : 'at least'} ${min} argument${min > 1 ? 's' : ''}`;
  throw new ArgumentError(
    `"docker ${verb}" requires ${count}.\nSee 'docker ${verb} --help'.\n\nUsage:  docker ${verb} ${usage}\n\n${summary}`,
  );
}

/** Docker's error for a verb given arguments it does not take. */
export function noArgs(args: string[], verb: string): void {
  if (args.length === 0) return;
  const [usage, summary] = verbSynopsis(verb);
  throw new ArgumentError(
    `"docker ${verb}" accepts no arguments.\nSee 'docker ${verb} --help'.\n\nUsage:  docker ${verb} ${usage}\n\n${summary}`,
  );
}

/** Rows as the default table, `table TEMPLATE`, `json` or a plain template per row. */
export function formatRows(
  format: string | undefined,
  headers: Record<string, string>,
  fields: string[],
  rows: Record<string, unknown>[],
  typeName: string,
): string {
  if (format === undefined || format === 'table') {
    return renderTable([
      fields.map((field) => headers[field]!),
      ...rows.map((row) => fields.map((field) => String(row[field]))),
    ]);
  }
  if (format === 'json') return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
  const template = parseTemplate(format, typeName);
  const lines = rows.map((row) => template.render(row));
  if (!template.table) return lines.map((line) => `${line}\n`).join('');
  const split = (line: string) => line.split('\t');
  return renderTable([split(template.header(headers)), ...lines.map(split)]);
}

/** Prints a failure as the docker CLI does for an API error; returns its exit status (1). */
export async function daemonError(io: DockerIO, error: unknown): Promise<number> {
  const message = error instanceof Error ? error.message : String(error);
  await io.err(`Error response from daemon: ${message}\n`);
  return 1;
}

/** Errors the engine and store raise for bad requests (others are bugs and propagate). */
export function isDaemonError(error: unknown): error is Error {
  return error instanceof EngineError || error instanceof ImageError || error instanceof StateError;
}

/** Cobra's RangeArgs: "requires at least MIN and at most MAX arguments". */
export function rangeArgs(args: string[], verb: string, min: number, max: number): void {
  if (args.length >= min && args.length <= max) return;
  const [usage, summary] = verbSynopsis(verb);
  throw new ArgumentError(
    `"docker ${verb}" requires at least ${min} and at most ${max} arguments.\nSee 'docker ${verb} --help'.\n\nUsage:  docker ${verb} ${usage}\n\n${summary}`,
  );
}
