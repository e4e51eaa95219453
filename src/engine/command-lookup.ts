// Finds the container's program in the image's tree before starting it, so
// a missing one fails as dockerd's does (exit 127) rather than from inside.
import type { MergedEntry } from '../image/snapshot-merge.ts';
import { EngineError } from './errors.ts';

function resolve(tree: Map<string, MergedEntry>, path: string): MergedEntry | undefined {
  let current = path;
  for (let hops = 0; hops < 16; hops++) {
    const entry = tree.get(current);
    if (entry?.type !== 'symlink') return entry;
    const target = entry.linkTarget ?? '';
    const base = current.slice(0, current.lastIndexOf('/'));
    current = normalize(target.startsWith('/') ? target : `${base}/${target}`);
  }
  return undefined;
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

export function checkCommand(
  tree: Map<string, MergedEntry>,
  program: string,
  env: readonly string[],
  cwd: string,
): void {
  const candidates: string[] = [];
  if (program.includes('/')) {
    candidates.push(normalize(program.startsWith('/') ? program : `${cwd}/${program}`));
  } else {
    const path = env.find((e) => e.startsWith('PATH='))?.slice(5) ?? '';
    for (const dir of path.split(':')) if (dir) candidates.push(normalize(`${dir}/${program}`));
  }
  for (const candidate of candidates) {
    const entry = resolve(tree, candidate);
    if (entry?.type === 'file') {
      if ((entry.mode & 0o111) === 0) {
        throw new EngineError(
          'command-not-executable',
          `failed to create shim task: OCI runtime create failed: exec: "${program}": permission denied: unknown`,
        );
      }
      return;
    }
    if (entry?.type === 'directory' && program.includes('/')) {
      throw new EngineError(
        'command-not-executable',
        `failed to create shim task: OCI runtime create failed: exec: "${program}": is a directory: unknown`,
      );
    }
  }
  throw new EngineError(
    'command-not-found',
    program.includes('/')
      ? `failed to create shim task: OCI runtime create failed: exec: "${program}": stat ${program}: no such file or directory: unknown`
      : `failed to create shim task: OCI runtime create failed: exec: "${program}": executable file not found in $PATH: unknown`,
  );
}
