// Builds bocal's own images from rootfs/<name>/ (see rootfs/README.md) into
// build/images/<name>/ as OCI image layouts, and build/images/images.json
// listing them. No network; reproducible: the same sources give the same
// digests. Needs build/wasm/ (npm run build:wasm) for the programs.
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  lstatSync,
  readlinkSync,
  rmSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildImage, type BuiltImage, type TreeFile } from '../src/image/image-builder.ts';
import { CATALOGUE } from '../src/image/builtin-images.ts';
import { digestOf } from '../src/image/digest.ts';
import type { ContainerConfig } from '../src/image/manifest.ts';
import { WASI_PLATFORM } from '../src/image/platform.ts';
import { Kernel } from '../src/kernel/kernel.ts';
import { installBox } from '../src/platform/browser/system-boot.ts';
import { createNodeProcessHost } from '../src/platform/node/process-host.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
/** One timestamp for every image and file: 2024-01-01T00:00:00Z. */
export const BUILD_TIME = '2024-01-01T00:00:00Z';

interface ImageJson {
  reference: string;
  createdBy: string;
  config: ContainerConfig;
  programs?: Record<string, string>;
  applets?: { program: string; directory: string };
}

/** The host image has no image.json of its own (rootfs/host/ belongs to the host's boot). */
const HOST_IMAGE: ImageJson = {
  reference: 'host:latest',
  createdBy: "bocal build-images: the emulated host's root file system (rootfs/host)",
  config: {
    Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    Cmd: ['sh'],
    WorkingDir: '/',
  },
  programs: { '/bin/box': 'box' },
  applets: { program: 'box', directory: '/bin' },
};

const appletCache = new Map<string, string[]>();

/** The applets of a multi-call program as it lists them (`box --list`), run on the kernel as the host's boot does. */
export async function appletsOf(bytes: Uint8Array, program: string): Promise<string[]> {
  const key = `${program}:${digestOf(bytes)}`;
  const cached = appletCache.get(key);
  if (cached) return cached;
  const kernel = new Kernel(createNodeProcessHost(1));
  try {
    const applets = (await installBox(kernel, { bytes, key: `build-images-${program}` })).sort();
    appletCache.set(key, applets);
    return applets;
  } finally {
    await kernel.shutdown();
  }
}

function programBytes(program: string, sourceRoot: string): Uint8Array {
  const path = join(sourceRoot, 'build', 'wasm', `${program}.wasm`);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build:wasm\` first`);
  return new Uint8Array(readFileSync(path));
}

/** Reads `manifest` lines: PATH TYPE MODE UID GID. */
function readManifest(
  path: string,
): Map<string, { type: string; mode: number; uid: number; gid: number }> {
  const entries = new Map<string, { type: string; mode: number; uid: number; gid: number }>();
  if (!existsSync(path)) return entries;
  for (const [n, line] of readFileSync(path, 'utf8').split('\n').entries()) {
    const text = line.replace(/#.*/, '').trim();
    if (!text) continue;
    const [file, type, mode, uid, gid] = text.split(/\s+/);
    if (
      !file ||
      (type !== 'dir' && type !== 'file') ||
      !mode ||
      uid === undefined ||
      gid === undefined
    ) {
      throw new Error(`${path}:${n + 1}: expected PATH TYPE MODE UID GID`);
    }
    entries.set(file, { type, mode: parseInt(mode, 8), uid: Number(uid), gid: Number(gid) });
  }
  return entries;
}

function readTree(dir: string, prefix = ''): TreeFile[] {
  if (!existsSync(dir)) return [];
  const files: TreeFile[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    const path = `${prefix}/${name}`;
    const stat = lstatSync(full);
    if (stat.isSymbolicLink())
      files.push({
        path,
        type: 'symlink',
        mode: 0o777,
        uid: 0,
        gid: 0,
        target: readlinkSync(full),
      });
    else if (stat.isDirectory())
      files.push({ path, type: 'directory', mode: 0o755, uid: 0, gid: 0 }, ...readTree(full, path));
    else
      files.push({
        path,
        type: 'file',
        mode: 0o644,
        uid: 0,
        gid: 0,
        content: new Uint8Array(readFileSync(full)),
      });
  }
  return files;
}

/** The files of rootfs/<name>/ as the image holds them. */
export async function imageFiles(
  rootfsDir: string,
  spec: ImageJson,
  sourceRoot = root,
): Promise<TreeFile[]> {
  const files = new Map<string, TreeFile>();
  for (const file of readTree(join(rootfsDir, 'tree'))) files.set(file.path, file);
  for (const [path, entry] of readManifest(join(rootfsDir, 'manifest'))) {
    const existing = files.get(path);
    if (entry.type === 'file' && !existing)
      throw new Error(`${rootfsDir}/manifest: ${path} is not in tree/`);
    files.set(path, {
      ...(existing ?? { path, type: 'directory' }),
      mode: entry.mode,
      uid: entry.uid,
      gid: entry.gid,
    } as TreeFile);
  }
  for (const [path, program] of Object.entries(spec.programs ?? {})) {
    files.set(path, {
      path,
      type: 'file',
      mode: 0o755,
      uid: 0,
      gid: 0,
      content: programBytes(program, sourceRoot),
    });
  }
  if (spec.applets) {
    const { program, directory } = spec.applets;
    const target = Object.entries(spec.programs ?? {}).find(([, p]) => p === program)?.[0];
    if (!target)
      throw new Error(`${rootfsDir}/image.json: applets of ${program}, which is not in programs`);
    for (const applet of await appletsOf(programBytes(program, sourceRoot), program)) {
      const path = `${directory}/${applet}`;
      if (path === target) continue;
      files.set(path, {
        path,
        type: 'symlink',
        mode: 0o777,
        uid: 0,
        gid: 0,
        target: dirname(target) === directory ? target.slice(directory.length + 1) : target,
      });
    }
  }
  return [...files.values()];
}

/** Builds every image of rootfs/ (in memory). */
export async function buildAll(sourceRoot = root): Promise<Map<string, BuiltImage>> {
  const rootfs = join(sourceRoot, 'rootfs');
  const built = new Map<string, BuiltImage>();
  for (const name of readdirSync(rootfs).sort()) {
    const dir = join(rootfs, name);
    if (!lstatSync(dir).isDirectory()) continue;
    const specPath = join(dir, 'image.json');
    const spec: ImageJson | undefined = existsSync(specPath)
      ? (JSON.parse(readFileSync(specPath, 'utf8')) as ImageJson)
      : name === 'host'
        ? HOST_IMAGE
        : undefined;
    if (!spec) continue;
    built.set(
      name,
      await buildImage({
        reference: spec.reference,
        created: BUILD_TIME,
        createdBy: spec.createdBy,
        platform: WASI_PLATFORM,
        config: spec.config,
        files: await imageFiles(dir, spec, sourceRoot),
      }),
    );
  }
  return built;
}

export function writeLayouts(images: Map<string, BuiltImage>, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  for (const [name, image] of images) {
    const temp = join(outDir, `.${name}.tmp`);
    rmSync(temp, { recursive: true, force: true });
    for (const [path, bytes] of image.layout) {
      mkdirSync(dirname(join(temp, path)), { recursive: true });
      writeFileSync(join(temp, path), bytes);
    }
    rmSync(join(outDir, name), { recursive: true, force: true });
    renameSync(temp, join(outDir, name));
  }
  writeFileSync(join(outDir, CATALOGUE), JSON.stringify([...images.keys()]) + '\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const images = await buildAll();
  const outDir = join(root, 'build', 'images');
  writeLayouts(images, outDir);
  for (const [name, image] of images)
    console.log(`${name}: ${image.id} (manifest ${image.manifest})`);
}
