// Builds the C userland under wasm/ in two flavours from the same sources:
//   build/wasm/<name>.wasm   wasm32-wasip1, with @yowasp/clang (no system compiler)
//   build/native/<name>      the host's own `cc`, for comparisons with real Linux
// A program is either one file wasm/tests/<name>.c or one directory
// wasm/programs/<name>/ of .c files; wasm/lib/*.c is linked into every program.
// Outputs are cached by a hash of their inputs, so an unchanged tree is a no-op.
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

const commonFlags = ['-O2', '-std=gnu11', '-Wall', '-Wno-unused-function', `-I${libDir}`];
const wasmFlags = [
  '--target=wasm32-wasip1',
  '-D_WASI_EMULATED_SIGNAL',
  '-D_WASI_EMULATED_PROCESS_CLOCKS',
];
const wasmLibs = ['-lwasi-emulated-signal', '-lwasi-emulated-process-clocks'];

function inputHash(program: Program, toolchain: string): string {
  const hash = createHash('sha256').update(toolchain).update(JSON.stringify(commonFlags));
  const inputs = [...program.sources, ...cFiles(libDir), ...headers(libDir)];
  for (const file of inputs) {
    hash.update(relative(root, file)).update(readFileSync(file));
  }
  return hash.digest('hex');
}

async function buildWasm(program: Program): Promise<Uint8Array> {
  const { commands } = await import('@yowasp/clang');
  const files: Record<string, Uint8Array | Record<string, Uint8Array>> = {};
  const lib: Record<string, Uint8Array> = {};
  for (const file of [...cFiles(libDir), ...headers(libDir)])
    lib[basename(file)] = readFileSync(file);
  files.lib = lib;
  const srcNames: string[] = [];
  for (const file of program.sources) {
    const name = `src_${basename(file)}`;
    files[name] = readFileSync(file);
    srcNames.push(name);
  }
  const libSources = cFiles(libDir).map((f) => `lib/${basename(f)}`);
  let stderr = '';
  const decoder = new TextDecoder();
  try {
    const out = await commands.clang(
      [
        ...wasmFlags,
        ...commonFlags,
        '-Ilib',
        ...srcNames,
        ...libSources,
        ...wasmLibs,
        '-o',
        'out.wasm',
      ],
      files,
      { stderr: (bytes: Uint8Array | null) => (stderr += bytes ? decoder.decode(bytes) : '') },
    );
    const wasm = out?.['out.wasm'];
    if (!(wasm instanceof Uint8Array)) throw new Error('clang produced no output');
    if (stderr) process.stderr.write(stderr);
    return wasm;
  } catch (error) {
    throw new Error(`wasm build of ${program.name} failed:\n${stderr || String(error)}`, {
      cause: error,
    });
  }
}

function buildNative(program: Program, output: string): void {
  execFileSync('cc', [...commonFlags, ...program.sources, ...cFiles(libDir), '-o', output], {
    stdio: 'inherit',
  });
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const toolchain = native ? 'cc' : 'yowasp-clang';
  let built = 0;
  for (const program of findPrograms()) {
    const output = join(outDir, native ? program.name : `${program.name}.wasm`);
    const stamp = `${output}.hash`;
    const hash = inputHash(program, toolchain);
    if (existsSync(output) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) continue;
    if (native) buildNative(program, output);
    else writeFileSync(output, await buildWasm(program));
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
