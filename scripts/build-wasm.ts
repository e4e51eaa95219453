// Builds the C userland under wasm/ in two flavours from the same sources:
//   build/wasm/<name>.wasm   wasm32-wasip1, with @yowasp/clang (no system compiler)
//   build/native/<name>      the host's own `cc`, for comparisons with real Linux
// A program is either one file wasm/tests/<name>.c or one directory
// wasm/programs/<name>/ of .c files. Outputs are cached by a hash of their
// inputs, so an unchanged tree is a no-op.
//
// The C library over bocal's extension (wasm/lib/*.c) becomes the archive
// build/wasm/libbocal.a. A program links with it when it includes one of the
// library's headers (`#include "bocal.h"`, ...): it then asks for bocal's
// extension. Every other program is a plain WASI program, importing nothing
// but wasi_snapshot_preview1, so it runs on any WASI host and the
// conformance suite tests WASI itself, not our library. Natively the
// library is not used (glibc has it all).
//
// Overriding a function wasi-libc also defines: wasm-ld takes a symbol from
// the first archive that offers it, but wasi-libc defines some functions in
// the same object as others (chmod, fchmod and fchmodat with open, in
// posix.o; chdir with the relative-path resolver every path call uses), so
// defining them under their own names in libbocal.a ends in duplicate
// symbols as soon as that object is pulled for another reason. Instead each
// function of WRAPPED is linked with `--wrap=NAME`: every call to NAME, in
// the program and inside wasi-libc alike, goes to `__wrap_NAME` (wasm/lib),
// and wasi-libc's own stays reachable as `__real_NAME`. The wrappers fall
// back to `__real_NAME` where the extension answers ENOSYS (another WASI
// host with a stub bocal_v1), so both hosts give sensible results.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, existsSync, writeFileSync, statSync } from 'node:fs';
import { join, basename, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const native = process.argv.includes('--native');
const outDir = join(root, 'build', native ? 'native' : 'wasm');

interface Program {
  name: string;
  sources: string[];
}

const libDir = join(root, 'wasm', 'lib');
/** Headers the test programs share (check.h), on the include path of every program. */
const testsDir = join(root, 'wasm', 'tests');
const cFiles = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.c'))
        .sort()
        .map((f) => join(dir, f))
    : [];
const headers = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.h'))
        .sort()
        .map((f) => join(dir, f))
    : [];

function findPrograms(): Program[] {
  const programs: Program[] = cFiles(join(root, 'wasm', 'tests')).map((file) => ({
    name: basename(file, '.c'),
    sources: [file],
  }));
  const programsDir = join(root, 'wasm', 'programs');
  if (existsSync(programsDir)) {
    for (const entry of readdirSync(programsDir).sort()) {
      const dir = join(programsDir, entry);
      if (statSync(dir).isDirectory()) programs.push({ name: entry, sources: cFiles(dir) });
    }
  }
  return programs;
}

const commonFlags = [
  '-O2',
  '-std=gnu11',
  '-Wall',
  '-Wno-unused-function',
  `-I${libDir}`,
  `-I${testsDir}`,
];
const wasmFlags = [
  '--target=wasm32-wasip1',
  '-D_WASI_EMULATED_SIGNAL',
  '-D_WASI_EMULATED_PROCESS_CLOCKS',
];
const wasmLibs = ['-lwasi-emulated-signal', '-lwasi-emulated-process-clocks'];

/** wasi-libc functions that wasm/lib replaces with `__wrap_NAME` (see above). */
const WRAPPED = [
  'chdir',
  'getcwd',
  'fcntl',
  'ioctl',
  'isatty',
  'chmod',
  'fchmod',
  'fchmodat',
  'open',
  'openat',
  'uname',
  'gethostname',
  'nanosleep',
  'clock_nanosleep',
  'sleep',
  'usleep',
  'stat',
  'lstat',
  'fstat',
  'fstatat',
  'mkdir',
  'mkdirat',
  // CPU time (bocal-times.c): wasi-libc's emulated process clocks count wall-clock time.
  'times',
  'getrusage',
  // Sockets (bocal-socket.c): wasi-libc's go through WASI's sock_* and its own AF_* numbers.
  'accept',
  'accept4',
  'send',
  'recv',
  'shutdown',
  'getsockopt',
  'inet_pton',
  'inet_ntop',
];
/**
 * Linker flags of every WASI program: the wrapped functions, and the cwd
 * member forced in (its constructor takes the kernel's cwd at start-up,
 * which relative paths need even in a program that never calls chdir).
 */
const wasmLinkFlags = [
  ...WRAPPED.map((name) => `-Wl,--wrap=${name}`),
  '-Wl,--undefined=__bocal_cwd_init',
  // 1 MiB of C stack instead of wasm-ld's 64 KiB: recursive programs (awk's
  // functions, the shell) need more than a few hundred frames, as natively.
  '-Wl,-z,stack-size=1048576',
];

function hashFiles(parts: string[], files: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  for (const file of files) hash.update(relative(root, file)).update(readFileSync(file));
  return hash.digest('hex');
}

/** The hash of libbocal.a's inputs: the library's sources and headers, flags. */
const libraryHash = (): string =>
  hashFiles(
    ['libbocal', JSON.stringify([wasmFlags, commonFlags])],
    [...cFiles(libDir), ...headers(libDir)],
  );

/** Whether a program includes one of wasm/lib's headers, and so links with libbocal.a. */
function usesLibrary(program: Program): boolean {
  const names = headers(libDir).map((file) => basename(file));
  return program.sources.some((file) => {
    const source = readFileSync(file, 'utf8');
    return names.some((name) => source.includes(`#include "${name}"`));
  });
}

/** The headers of a multi-file program (wasm/programs/<name>/*.h), beside its sources. */
const programHeaders = (program: Program): string[] =>
  headers(join(root, 'wasm', 'programs', program.name));

function inputHash(program: Program, toolchain: string, library: string): string {
  const linked = !native && usesLibrary(program);
  const flags = JSON.stringify([commonFlags, linked ? wasmLinkFlags : []]);
  if (!linked) library = '';
  return hashFiles(
    [toolchain, flags, library],
    [...program.sources, ...programHeaders(program), ...headers(libDir), ...headers(testsDir)],
  );
}

type Files = Record<string, Uint8Array | Record<string, Uint8Array>>;

/** Runs one @yowasp/clang tool; its stderr goes into the error on failure. */
async function runTool(
  tool: 'clang' | 'ar',
  args: string[],
  files: Files,
  what: string,
): Promise<Record<string, unknown>> {
  const { commands } = await import('@yowasp/clang');
  let stderr = '';
  const decoder = new TextDecoder();
  try {
    const out = await commands[tool](args, files, {
      stderr: (bytes: Uint8Array | null) => (stderr += bytes ? decoder.decode(bytes) : ''),
    });
    if (stderr) process.stderr.write(stderr);
    return out ?? {};
  } catch (error) {
    throw new Error(`${what} failed:\n${stderr || String(error)}`, { cause: error });
  }
}

function libraryHeaders(): Record<string, Uint8Array> {
  const lib: Record<string, Uint8Array> = {};
  for (const file of headers(libDir)) lib[basename(file)] = readFileSync(file);
  return lib;
}

/** Compiles wasm/lib/*.c and archives the objects into libbocal.a's bytes. */
async function buildLibrary(): Promise<Uint8Array> {
  const lib = libraryHeaders();
  for (const file of cFiles(libDir)) lib[basename(file)] = readFileSync(file);
  const sources = cFiles(libDir).map((f) => `lib/${basename(f)}`);
  const compiled = await runTool(
    'clang',
    [...wasmFlags, ...commonFlags, '-Ilib', '-c', ...sources],
    { lib },
    'wasm build of libbocal',
  );
  const objects: Record<string, Uint8Array> = {};
  for (const source of sources) {
    const name = basename(source, '.c') + '.o';
    const object = compiled[name];
    if (!(object instanceof Uint8Array)) throw new Error(`clang produced no ${name}`);
    objects[name] = object;
  }
  const archived = await runTool(
    'ar',
    ['rcs', 'libbocal.a', ...Object.keys(objects)],
    objects,
    'ar of libbocal',
  );
  const archive = archived['libbocal.a'];
  if (!(archive instanceof Uint8Array)) throw new Error('ar produced no libbocal.a');
  return archive;
}

async function buildWasm(program: Program, library: Uint8Array): Promise<Uint8Array> {
  const testHeaders: Record<string, Uint8Array> = {};
  for (const file of headers(testsDir)) testHeaders[basename(file)] = readFileSync(file);
  const files: Files = { lib: libraryHeaders(), tests: testHeaders, 'libbocal.a': library };
  const srcNames: string[] = [];
  // Sources are compiled from the top directory, so their own headers sit there too.
  for (const file of programHeaders(program)) files[basename(file)] = readFileSync(file);
  for (const file of program.sources) {
    const name = `src_${basename(file)}`;
    files[name] = readFileSync(file);
    srcNames.push(name);
  }
  const extension = usesLibrary(program) ? [...wasmLinkFlags, 'libbocal.a'] : [];
  const out = await runTool(
    'clang',
    [
      ...wasmFlags,
      ...commonFlags,
      '-Ilib',
      '-Itests',
      ...srcNames,
      ...extension,
      ...wasmLibs,
      '-o',
      'out.wasm',
    ],
    files,
    `wasm build of ${program.name}`,
  );
  const wasm = out['out.wasm'];
  if (!(wasm instanceof Uint8Array)) throw new Error('clang produced no output');
  return wasm;
}

function buildNative(program: Program, output: string): void {
  // -lm: glibc keeps the math functions (awk's sin, exp, ...) in libm; wasi-libc has them in libc.
  execFileSync('cc', [...commonFlags, ...program.sources, '-o', output, '-lm'], {
    stdio: 'inherit',
  });
}

/** build/wasm/libbocal.a, rebuilt when its hash changed; returns its bytes and hash. */
async function ensureLibrary(): Promise<{ bytes: Uint8Array; hash: string }> {
  const output = join(outDir, 'libbocal.a');
  const stamp = `${output}.hash`;
  const hash = libraryHash();
  if (existsSync(output) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) {
    return { bytes: readFileSync(output), hash };
  }
  const bytes = await buildLibrary();
  writeFileSync(output, bytes);
  writeFileSync(stamp, hash);
  console.log(`built ${relative(root, output)}`);
  return { bytes, hash };
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const toolchain = native ? 'cc' : 'yowasp-clang';
  let built = 0;
  const library = native ? undefined : await ensureLibrary();
  for (const program of findPrograms()) {
    const output = join(outDir, native ? program.name : `${program.name}.wasm`);
    const stamp = `${output}.hash`;
    const hash = inputHash(program, toolchain, library?.hash ?? '');
    if (existsSync(output) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) continue;
    if (library === undefined) buildNative(program, output);
    else writeFileSync(output, await buildWasm(program, library.bytes));
    writeFileSync(stamp, hash);
    built++;
    console.log(`built ${relative(root, output)}`);
  }
  if (built === 0) console.log(`${relative(root, outDir)}: up to date`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
