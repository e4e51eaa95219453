// The overlay compared with Linux's overlayfs on this machine: the same
// lower layers, built as directories and mounted with `mount -t overlay`
// (redirect_dir, index, xino and metacopy off, Linux's defaults), and as
// lower trees under our overlay; the same operations through the
// behaviour suite's adapters (node:fs on Linux, syscalls on ours); then the
// outcomes, the merged tree and the upper directory (whiteouts as 0/0
// character devices, opaque directories) must be the same.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIRST_ENTRY_COOKIE } from '../../../../src/kernel/fs/directory-file.ts';
import type { Inode } from '../../../../src/kernel/fs/inode.ts';
import { S_IFCHR } from '../../../../src/kernel/fs/stat.ts';
import { OPAQUE_MARKER } from '../../../../src/kernel/fs/overlay/whiteout.ts';
import { bytes, text, type FsAdapter } from '../support/adapter.ts';
import { KernelAdapter } from '../support/kernel-adapter.ts';
import { NodeAdapter } from '../support/node-adapter.ts';
import { makeOverlaySystem, type LayerSpec } from './overlay-system.ts';

if (process.getuid?.() !== 0) throw new Error('comparing with Linux overlayfs needs root (mount)');

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bocal-overlay-'));
const mounted: string[] = [];
afterAll(() => {
  for (const target of mounted) execFileSync('umount', [target]);
  fs.rmSync(scratch, { recursive: true, force: true });
});
let counter = 0;

function buildLayer(directory: string, spec: LayerSpec): void {
  fs.mkdirSync(directory, { recursive: true });
  for (const [key, value] of Object.entries(spec)) {
    const target = path.join(directory, key);
    if (key === '/') continue;
    if (value === null) execFileSync('mknod', [target, 'c', '0', '0']);
    else if (key.endsWith('/')) {
      fs.mkdirSync(target, { recursive: true });
      if (value === 'opaque') {
        const script = "import os,sys; os.setxattr(sys.argv[1], 'trusted.overlay.opaque', b'y')";
        execFileSync('python3', ['-c', script, target]);
      }
    } else if (value.startsWith('->')) fs.symlinkSync(value.slice(2), target);
    else fs.writeFileSync(target, value, { mode: 0o644 });
  }
}

interface Side {
  adapter: FsAdapter;
  /** The upper layer: path -> `whiteout`, `dir`, `dir opaque`, `file:<contents>`, `link:<target>`. */
  upper(): Promise<Record<string, string>>;
}

function linuxSide(layers: LayerSpec[]): Side {
  const base = path.join(scratch, String(counter++));
  const lowers = layers.map((spec, index) => {
    const directory = path.join(base, `l${index}`);
    buildLayer(directory, spec);
    return directory;
  });
  for (const name of ['upper', 'work', 'merged']) fs.mkdirSync(path.join(base, name));
  const upperDir = path.join(base, 'upper');
  const merged = path.join(base, 'merged');
  const options = [
    `lowerdir=${lowers.join(':')}`,
    `upperdir=${upperDir}`,
    `workdir=${path.join(base, 'work')}`,
    'redirect_dir=off,index=off,xino=off,metacopy=off',
  ].join(',');
  execFileSync('mount', ['-t', 'overlay', 'overlay', '-o', options, merged]);
  mounted.push(merged);
  const upper = async (): Promise<Record<string, string>> => {
    const result: Record<string, string> = {};
    const walk = (directory: string, prefix: string): void => {
      for (const name of fs.readdirSync(directory).sort()) {
        const full = path.join(directory, name);
        const stat = fs.lstatSync(full);
        const key = `${prefix}/${name}`;
        if (stat.isCharacterDevice() && stat.rdev === 0) result[key] = 'whiteout';
        else if (stat.isDirectory()) {
          const script =
            "import os,sys\ntry: print(os.getxattr(sys.argv[1], 'trusted.overlay.opaque').decode())\nexcept OSError: print('')";
          const opaque = execFileSync('python3', ['-c', script, full]).toString().trim() === 'y';
          result[key] = opaque ? 'dir opaque' : 'dir';
          walk(full, key);
        } else if (stat.isSymbolicLink()) result[key] = `link:${fs.readlinkSync(full)}`;
        else result[key] = `file:${fs.readFileSync(full, 'utf8')}`;
      }
    };
    walk(upperDir, '');
    return result;
  };
  process.umask(0o022);
  return { adapter: new NodeAdapter(merged), upper };
}

function ourSide(layers: LayerSpec[]): Side {
  const system = makeOverlaySystem(layers);
  const upper = async (): Promise<Record<string, string>> => {
    // Copy-up of an asynchronous lower file's bytes completes by the time it is exported.
    await system.overlay.flush();
    const result: Record<string, string> = {};
    const walk = (directory: Inode, prefix: string): void => {
      const names = [...directory.entries(FIRST_ENTRY_COOKIE)].map((entry) => entry.name);
      for (const name of names.sort()) {
        if (name === OPAQUE_MARKER) continue;
        const inode = directory.lookup(name)!;
        const key = `${prefix}/${name}`;
        if (inode.type === S_IFCHR && inode.rdev === 0) result[key] = 'whiteout';
        else if (inode.isDirectory) {
          result[key] = inode.lookup(OPAQUE_MARKER) ? 'dir opaque' : 'dir';
          walk(inode, key);
        } else if (inode.isSymlink) result[key] = `link:${inode.readlink()}`;
        else {
          const contents = inode as Inode & { readAt(o: number, l: number): Uint8Array };
          result[key] = `file:${text(contents.readAt(0, inode.size))}`;
        }
      }
    };
    walk(system.upper.root, '');
    return result;
  };
  return { adapter: new KernelAdapter(system), upper };
}

/** The merged tree as a person sees it: path -> type, mode, nlink, contents or target. */
async function mergedTree(adapter: FsAdapter, directory = '.'): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const name of await adapter.readdir(directory)) {
    const full = directory === '.' ? name : `${directory}/${name}`;
    const stat = await adapter.stat(full, false);
    if (stat.type === 'directory') {
      result[full] = 'dir';
      Object.assign(result, await mergedTree(adapter, full));
    } else if (stat.type === 'symlink') result[full] = `link:${await adapter.readlink(full)}`;
    else {
      const fd = await adapter.open(full, { read: true });
      const data = await adapter.read(fd, 1 << 16);
      await adapter.close(fd);
      result[full] = `file nlink=${stat.nlink}:${text(data)}`;
    }
  }
  return result;
}

/** Runs an operation, giving `ok` or the errno name. */
async function outcome(action: Promise<unknown>): Promise<string> {
  try {
    await action;
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

async function write(adapter: FsAdapter, name: string, data: string, append = false) {
  const fd = await adapter.open(name, { write: true, create: true, append, truncate: !append });
  await adapter.write(fd, bytes(data));
  await adapter.close(fd);
}

interface Case {
  name: string;
  layers: LayerSpec[];
  steps: (fs: FsAdapter) => unknown[] | Promise<unknown[]>;
}

const BASE: LayerSpec = {
  '/f': 'hello',
  '/g': 'other',
  '/d/': '',
  '/d/x': 'x in d',
  '/d/sub/': '',
  '/d/sub/y': 'deep',
  '/e/': '',
  '/link': '->f',
};

const cases: Case[] = [
  {
    name: 'appending to a lower file copies it up with its contents',
    layers: [BASE],
    steps: (fs) => [write(fs, 'f', ' world', true)],
  },
  {
    name: 'chmod of a lower file copies it up whole; the lower file is unchanged below',
    layers: [BASE],
    steps: (fs) => [fs.chmod('f', 0o600), fs.chmod('d/sub/y', 0o640)],
  },
  {
    name: 'truncating open of a lower file leaves an empty upper file',
    layers: [BASE],
    steps: (fs) => [write(fs, 'g', '')],
  },
  {
    name: 'unlink of lower files leaves whiteouts; a re-created file replaces its whiteout',
    layers: [BASE],
    steps: async (fs) => [
      await outcome(fs.unlink('f')),
      await outcome(fs.unlink('link')),
      await outcome(fs.unlink('g')),
      await outcome(write(fs, 'g', 'new g')),
    ],
  },
  {
    name: 'rmdir of a lower directory: ENOTEMPTY, then a whiteout; mkdir again makes it opaque',
    layers: [BASE],
    steps: async (fs) => [
      await outcome(fs.rmdir('d')),
      await outcome(fs.unlink('d/x')),
      await outcome(fs.unlink('d/sub/y')),
      await outcome(fs.rmdir('d/sub')),
      await outcome(fs.rmdir('d')),
      await outcome(fs.mkdir('d')),
      await outcome(fs.readdir('d')),
    ],
  },
  {
    name: 'rename of a lower file: copy-up to the new name, whiteout at the old',
    layers: [BASE],
    steps: async (fs) => [
      await outcome(fs.rename('f', 'moved')),
      await outcome(fs.rename('d/x', 'e/x')),
      await outcome(fs.rename('g', 'link')),
    ],
  },
  {
    name: 'rename of a lower directory is EXDEV (no redirect_dir); of an upper one, allowed',
    layers: [BASE],
    steps: async (fs) => [
      await outcome(fs.rename('d', 'renamed')),
      await outcome(fs.rename('d/sub', 'e/sub')),
      await outcome(fs.mkdir('new')),
      await outcome(write(fs, 'new/file', 'n')),
      await outcome(fs.rename('new', 'moved')),
    ],
  },
  {
    name: 'an upper directory renamed onto a removed lower directory becomes opaque',
    layers: [BASE],
    steps: async (fs) => [
      await outcome(fs.rmdir('e')),
      await outcome(fs.mkdir('fresh')),
      await outcome(fs.rename('fresh', 'e')),
      await outcome(fs.readdir('e')),
    ],
  },
  {
    name: 'hard link of a lower file copies it up; both names share it',
    layers: [BASE],
    steps: async (fs) => [
      await outcome(fs.link('f', 'f2')),
      await outcome(write(fs, 'f2', '!', true)),
    ],
  },
  {
    name: 'listings merge three layers with whiteouts and an opaque directory',
    layers: [
      {
        '/top': 't',
        '/d/': '',
        '/d/b': null,
        '/d/c': 'c from top',
        '/o/': 'opaque',
        '/o/new': '1',
      },
      {
        '/d/': '',
        '/d/b': 'b mid',
        '/d/m': 'm mid',
        '/o/': '',
        '/o/mid': 'hidden?',
        '/gone': null,
      },
      { '/d/': '', '/d/a': 'a low', '/d/c': 'c low', '/o/': '', '/o/low': 'hidden', '/gone': 'g' },
    ],
    steps: async (fs) => [await outcome(fs.unlink('d/c')), await outcome(write(fs, 'd/z', 'z'))],
  },
  {
    name: 'symlinks and files made over lower names, errors for existing names',
    layers: [BASE],
    steps: async (fs) => [
      await outcome(fs.symlink('d/x', 'f')),
      await outcome(fs.mkdir('g')),
      await outcome(fs.symlink('d/x', 'sl')),
      await outcome(fs.unlink('d')),
      await outcome(fs.rmdir('f')),
    ],
  },
];

describe('overlay compared with Linux overlayfs', () => {
  for (const each of cases) {
    it(each.name, async () => {
      const results: Record<string, unknown>[] = [];
      for (const side of [linuxSide(each.layers), ourSide(each.layers)]) {
        const outcomes = await Promise.all(await each.steps(side.adapter));
        results.push({
          outcomes,
          merged: await mergedTree(side.adapter),
          upper: await side.upper(),
        });
      }
      expect(results[1]).toEqual(results[0]);
    });
  }
});
