// The wire format of the extension's spawn and execve calls. The C library
// encodes it (wasm/lib), the kernel decodes it here. Little-endian:
//
//   string  = u32 length, bytes (UTF-8, no NUL)
//   strings = u32 count, string × count
//   request = string path, strings argv, strings envp,
//             u32 action count, action × count,        (spawn only)
//             u32 attribute flags, i32 pgroup, u32 sigmask, u32 sigdefault,
//             u32 clone flags                           (spawn only)
//   action  = u32 kind, i32 fd, then
//             OPEN:   u32 oflags (abi/open-flags.ts), u32 mode, string path
//             CLOSE:  nothing
//             DUP2:   i32 new fd
//             CHDIR:  string path
//             FCHDIR: nothing
//             MOUNT:  u32 MS_* flags, string source, string target,
//                     string type, string data (fd unused, 0): mount(2)
//                     done by the child, in its namespaces, before the
//                     program starts (what a forked child does before exec)
//
// SPAWN: args[0] = 1 to search PATH for a path without '/'; input = request;
// results[0] = the child's pid; on failure, results[1] = the number (from 1)
// of the action that failed, 0 if none did (the program was not found or
// could not start). EXECVE: input = path, argv, envp; returns only
// on failure.
import { Errno } from './errno.ts';
import { fail } from '../errors.ts';
import { decodeUtf8, encodeUtf8 } from '../utf8.ts';

export const enum SpawnActionKind {
  OPEN = 1,
  CLOSE = 2,
  DUP2 = 3,
  CHDIR = 4,
  FCHDIR = 5,
  MOUNT = 6,
}

export type SpawnAction =
  | { kind: SpawnActionKind.OPEN; fd: number; oflags: number; mode: number; path: string }
  | { kind: SpawnActionKind.CLOSE; fd: number }
  | { kind: SpawnActionKind.DUP2; fd: number; newFd: number }
  | { kind: SpawnActionKind.CHDIR; fd: number; path: string }
  | { kind: SpawnActionKind.FCHDIR; fd: number }
  | {
      kind: SpawnActionKind.MOUNT;
      fd: number;
      flags: number;
      source: string;
      target: string;
      type: string;
      data: string;
    };

/** posix_spawnattr flags, with glibc's values. */
export const POSIX_SPAWN_RESETIDS = 0x01;
export const POSIX_SPAWN_SETPGROUP = 0x02;
export const POSIX_SPAWN_SETSIGDEF = 0x04;
export const POSIX_SPAWN_SETSIGMASK = 0x08;
export const POSIX_SPAWN_SETSID = 0x80;

export interface SpawnAttributes {
  flags: number;
  pgroup: number;
  sigmask: number;
  sigdefault: number;
  /** CLONE_NEW* flags: namespaces the child gets new ones of. */
  cloneFlags: number;
}

export interface ExecRequest {
  path: string;
  argv: string[];
  envp: string[];
}

export interface SpawnRequest extends ExecRequest {
  actions: SpawnAction[];
  attributes: SpawnAttributes;
}

/** Reads the format above; EINVAL for anything truncated or out of range. */
class Reader {
  private at = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  u32(): number {
    if (this.at + 4 > this.bytes.length) fail(Errno.EINVAL);
    const value = this.view.getUint32(this.at, true);
    this.at += 4;
    return value;
  }

  i32(): number {
    return this.u32() | 0;
  }

  string(): string {
    const length = this.u32();
    if (this.at + length > this.bytes.length) fail(Errno.EINVAL);
    const text = decodeUtf8(this.bytes.subarray(this.at, this.at + length));
    this.at += length;
    return text;
  }

  strings(): string[] {
    const count = this.u32();
    // Each string takes at least 4 bytes: a count that cannot fit is a lie.
    if (count * 4 > this.bytes.length - this.at) fail(Errno.E2BIG);
    return Array.from({ length: count }, () => this.string());
  }

  get done(): boolean {
    return this.at === this.bytes.length;
  }
}

export function decodeExec(bytes: Uint8Array): ExecRequest {
  const reader = new Reader(bytes);
  const request = { path: reader.string(), argv: reader.strings(), envp: reader.strings() };
  if (!reader.done) fail(Errno.EINVAL);
  return request;
}

export function decodeSpawn(bytes: Uint8Array): SpawnRequest {
  const reader = new Reader(bytes);
  const path = reader.string();
  const argv = reader.strings();
  const envp = reader.strings();
  const count = reader.u32();
  if (count * 8 > bytes.length) fail(Errno.EINVAL);
  const actions: SpawnAction[] = [];
  for (let i = 0; i < count; i++) {
    const kind = reader.u32();
    const fd = reader.i32();
    switch (kind) {
      case SpawnActionKind.OPEN: {
        const oflags = reader.u32();
        const mode = reader.u32();
        actions.push({ kind, fd, oflags, mode, path: reader.string() });
        break;
      }
      case SpawnActionKind.CLOSE:
      case SpawnActionKind.FCHDIR:
        actions.push({ kind, fd });
        break;
      case SpawnActionKind.DUP2:
        actions.push({ kind, fd, newFd: reader.i32() });
        break;
      case SpawnActionKind.CHDIR:
        actions.push({ kind, fd, path: reader.string() });
        break;
      case SpawnActionKind.MOUNT: {
        const flags = reader.u32();
        const [source, target, type, data] = [1, 2, 3, 4].map(() => reader.string()) as [
          string,
          string,
          string,
          string,
        ];
        actions.push({ kind, fd, flags, source, target, type, data });
        break;
      }
      default:
        fail(Errno.EINVAL);
    }
  }
  const attributes: SpawnAttributes = {
    flags: reader.u32(),
    pgroup: reader.i32(),
    sigmask: reader.u32(),
    sigdefault: reader.u32(),
    cloneFlags: reader.u32(),
  };
  if (!reader.done) fail(Errno.EINVAL);
  return { path, argv, envp, actions, attributes };
}

/** The encoder, for TypeScript callers and tests (the C library has its own). */
export function encodeSpawn(request: SpawnRequest): Uint8Array {
  const parts: number[] = [];
  const u32 = (n: number) =>
    parts.push(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);
  const string = (s: string) => {
    const bytes = encodeUtf8(s);
    u32(bytes.length);
    parts.push(...bytes);
  };
  const strings = (list: string[]) => {
    u32(list.length);
    list.forEach(string);
  };
  string(request.path);
  strings(request.argv);
  strings(request.envp);
  u32(request.actions.length);
  for (const action of request.actions) {
    u32(action.kind);
    u32(action.fd);
    if (action.kind === SpawnActionKind.OPEN) {
      u32(action.oflags);
      u32(action.mode);
      string(action.path);
    } else if (action.kind === SpawnActionKind.DUP2) {
      u32(action.newFd);
    } else if (action.kind === SpawnActionKind.CHDIR) {
      string(action.path);
    } else if (action.kind === SpawnActionKind.MOUNT) {
      u32(action.flags);
      [action.source, action.target, action.type, action.data].forEach(string);
    }
  }
  const a = request.attributes;
  [a.flags, a.pgroup, a.sigmask, a.sigdefault, a.cloneFlags].forEach(u32);
  return new Uint8Array(parts);
}
