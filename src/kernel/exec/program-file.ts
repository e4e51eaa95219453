// What kind of program a file holds, from its first bytes, as Linux's
// binfmt handlers decide: a WebAssembly module ("\0asm"), a script ("#!"),
// or a program written in TypeScript and registered with the kernel
// ("\x7fBOCAL name", our own magic, like ELF's "\x7fELF").
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import { decodeUtf8 } from '../utf8.ts';

export type ProgramKind =
  | { kind: 'wasm' }
  | { kind: 'script'; interpreter: string; argument: string | undefined }
  | { kind: 'builtin'; name: string };

/** The magic of a file that stands for a registered TypeScript program. */
export const BUILTIN_MAGIC = '\x7fBOCAL ';

/** Linux's BINPRM_BUF_SIZE: how much of a `#!` line is read. */
const SHEBANG_LIMIT = 256;

export function classifyProgram(bytes: Uint8Array): ProgramKind {
  if (bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d) {
    return { kind: 'wasm' };
  }
  if (bytes[0] === 0x23 && bytes[1] === 0x21) return shebang(bytes);
  const head = decodeUtf8(bytes.subarray(0, 64));
  if (head.startsWith(BUILTIN_MAGIC)) {
    const name = head.slice(BUILTIN_MAGIC.length).split('\n')[0]!.trim();
    if (name) return { kind: 'builtin', name };
  }
  return fail(Errno.ENOEXEC);
}

/** Parses "#!interpreter [one argument]" as Linux does: one optional argument, the rest of the line. */
function shebang(bytes: Uint8Array): ProgramKind {
  let end = bytes.indexOf(0x0a);
  if (end < 0) end = Math.min(bytes.length, SHEBANG_LIMIT);
  const line = decodeUtf8(bytes.subarray(2, Math.min(end, SHEBANG_LIMIT))).trim();
  if (!line) return fail(Errno.ENOEXEC);
  const space = line.search(/[ \t]/);
  if (space < 0) return { kind: 'script', interpreter: line, argument: undefined };
  const argument = line.slice(space).trim();
  return {
    kind: 'script',
    interpreter: line.slice(0, space),
    argument: argument === '' ? undefined : argument,
  };
}
