// The container's mounts as dockerd reads them: `-v` specs (HostConfig.Binds:
// `/host:/ctr[:ro]` a bind, `name:/ctr` a named volume, `/ctr` alone an
// anonymous one), `--mount` (HostConfig.Mounts) and `--tmpfs`
// (HostConfig.Tmpfs), turned at create into the container's mount points
// (the record's Mounts, as `docker inspect` shows them) and at start into
// what the runtime mounts.
import type { MountSpec } from '../runtime/runtime.ts';
import { EngineError } from './errors.ts';
import type { Volumes } from './volumes.ts';

/** One of `docker inspect`'s Mounts. */
export interface MountPoint {
  Type: 'bind' | 'volume' | 'tmpfs';
  Name?: string;
  Source: string;
  Destination: string;
  Driver?: string;
  Mode: string;
  RW: boolean;
  Propagation: string;
}

/** HostConfig.Mounts entries (the Engine API's mount.Mount), as `--mount` gives them. */
export interface ApiMount {
  Type: 'bind' | 'volume' | 'tmpfs';
  Source?: string;
  Target: string;
  ReadOnly?: boolean;
  TmpfsOptions?: { SizeBytes?: number; Mode?: number };
}

export interface MountRequest {
  binds?: string[];
  mounts?: ApiMount[] | null;
  tmpfs?: Record<string, string> | null;
}

const MODES = new Set([
  'ro',
  'rw',
  'z',
  'Z',
  'nocopy',
  'private',
  'rprivate',
  'shared',
  'rshared',
  'slave',
  'rslave',
]);

function invalidSpec(spec: string, why: string): never {
  throw new EngineError('invalid', `invalid volume specification: '${spec}': ${why}`);
}

function checkDestination(spec: string, type: string, destination: string): void {
  if (!destination.startsWith('/')) {
    invalidSpec(
      spec,
      `invalid mount config for type "${type}": invalid mount path: '${destination}' mount path must be absolute`,
    );
  }
  if (destination === '/') {
    invalidSpec(
      spec,
      `invalid mount config for type "${type}": invalid specification: destination can't be '/'`,
    );
  }
}

/** One `-v` spec; an anonymous volume gets `anonymousName()`. */
export function parseBind(spec: string, anonymousName: () => string): MountPoint {
  const parts = spec.split(':');
  if (parts.length > 3 || parts.some((part) => part === '')) {
    invalidSpec(spec, parts.length > 3 ? 'too many colons' : 'empty section between colons');
  }
  let source = '';
  let destination: string;
  let mode = '';
  if (parts.length === 1) destination = parts[0]!;
  else if (parts.length === 2 && parts[1]!.startsWith('/'))
    [source, destination] = parts as [string, string];
  else if (parts.length === 2) {
    [destination, mode] = parts as [string, string];
  } else [source, destination, mode] = parts as [string, string, string];
  for (const option of mode.split(',').filter(Boolean)) {
    if (!MODES.has(option)) throw new EngineError('invalid', `invalid mode: ${mode}`);
  }
  const readOnly = mode.split(',').includes('ro');
  if (source.startsWith('/')) {
    checkDestination(spec, 'bind', destination);
    return {
      Type: 'bind',
      Source: source,
      Destination: destination,
      Mode: mode,
      RW: !readOnly,
      Propagation: 'rprivate',
    };
  }
  checkDestination(spec, 'volume', destination);
  const name = source || anonymousName();
  return {
    Type: 'volume',
    Name: name,
    Source: `/var/lib/docker/volumes/${name}/_data`,
    Destination: destination,
    Driver: 'local',
    Mode: source ? mode || 'z' : mode,
    RW: !readOnly,
    Propagation: '',
  };
}

/** The -v specs dockerd keeps in HostConfig.Binds: those with a source (anonymous ones are not). */
export function namedBinds(specs: readonly string[] | null | undefined): string[] | null {
  const named = (specs ?? []).filter((spec) => {
    const parts = spec.split(':');
    return parts.length === 3 || (parts.length === 2 && parts[1]!.startsWith('/'));
  });
  return named.length > 0 ? named : null;
}

/** The container's mount points, in the order they are mounted (shorter destinations first). */
export function mountPointsOf(request: MountRequest, anonymousName: () => string): MountPoint[] {
  const points: MountPoint[] = (request.binds ?? []).map((spec) => parseBind(spec, anonymousName));
  for (const mount of request.mounts ?? []) {
    checkDestination(mount.Target, mount.Type, mount.Target);
    const readOnly = mount.ReadOnly === true;
    if (mount.Type === 'bind') {
      if (!mount.Source?.startsWith('/')) {
        throw new EngineError(
          'invalid',
          `invalid mount config for type "bind": invalid mount path: '${mount.Source ?? ''}' mount path must be absolute`,
        );
      }
      points.push({
        Type: 'bind',
        Source: mount.Source,
        Destination: mount.Target,
        Mode: '',
        RW: !readOnly,
        Propagation: 'rprivate',
      });
    } else if (mount.Type === 'volume') {
      const name = mount.Source || anonymousName();
      points.push({
        Type: 'volume',
        Name: name,
        Source: `/var/lib/docker/volumes/${name}/_data`,
        Destination: mount.Target,
        Driver: 'local',
        Mode: 'z',
        RW: !readOnly,
        Propagation: '',
      });
    } else {
      if (mount.Source)
        throw new EngineError(
          'invalid',
          'invalid mount config for type "tmpfs": source must not be specified',
        );
      points.push({
        Type: 'tmpfs',
        Source: '',
        Destination: mount.Target,
        Mode: '',
        RW: !readOnly,
        Propagation: '',
      });
    }
  }
  const seen = new Set<string>();
  for (const point of points) {
    if (seen.has(point.Destination))
      throw new EngineError('invalid', `Duplicate mount point: ${point.Destination}`);
    seen.add(point.Destination);
  }
  for (const target of Object.keys(request.tmpfs ?? {})) {
    if (seen.has(target)) throw new EngineError('invalid', `Duplicate mount point: ${target}`);
  }
  return points;
}

const depth = (path: string): number => path.split('/').filter(Boolean).length;

/** `--tmpfs /run:size=64m,mode=1777` options, as Linux's tmpfs takes them. */
function tmpfsOptions(text: string): { size?: number; mode?: number; readOnly: boolean } {
  const result: { size?: number; mode?: number; readOnly: boolean } = { readOnly: false };
  for (const option of text.split(',').filter(Boolean)) {
    const [key, value = ''] = option.split('=');
    if (key === 'mode' && /^[0-7]+$/.test(value)) result.mode = parseInt(value, 8);
    else if (key === 'ro') result.readOnly = true;
  }
  return result;
}

/** What the runtime mounts: the mount points, then the --tmpfs ones. */
export function mountSpecsOf(
  points: readonly MountPoint[],
  tmpfs: Record<string, string> = {},
  /** HostConfig.Mounts: their binds' sources must exist (-v makes a missing one). */
  apiMounts: readonly ApiMount[] = [],
): MountSpec[] {
  const strict = new Set(apiMounts.filter((m) => m.Type === 'bind').map((m) => m.Target));
  const specs: MountSpec[] = points.map((point): MountSpec => {
    const readOnly = !point.RW;
    if (point.Type === 'bind') {
      const bind: MountSpec = {
        type: 'bind',
        source: point.Source,
        target: point.Destination,
        readOnly,
      };
      return strict.has(point.Destination) ? { ...bind, mustExist: true } : bind;
    }
    if (point.Type === 'volume')
      return { type: 'volume', name: point.Name!, target: point.Destination, readOnly };
    return { type: 'tmpfs', target: point.Destination, readOnly };
  });
  for (const [target, options] of Object.entries(tmpfs)) {
    specs.push({ type: 'tmpfs', target, ...tmpfsOptions(options) });
  }
  return specs.sort((a, b) => depth(a.target) - depth(b.target));
}

/** At create: the mount points, their named and anonymous volumes made (as dockerd does). */
export async function createMountPoints(
  volumes: Volumes,
  request: MountRequest,
  anonymousName: () => string,
): Promise<MountPoint[]> {
  const anonymous = new Set<string>();
  const points = mountPointsOf(request, () => {
    const name = anonymousName();
    anonymous.add(name);
    return name;
  });
  for (const point of points) {
    if (point.Type === 'volume') {
      await volumes.create(point.Name!, { anonymous: anonymous.has(point.Name!), labels: null });
    }
  }
  return points;
}

/** At start: the volumes given to the runtime, and what it mounts. */
export async function openMounts(
  volumes: Volumes,
  points: readonly MountPoint[] = [],
  tmpfs?: Record<string, string> | null,
  apiMounts?: readonly ApiMount[] | null,
): Promise<MountSpec[]> {
  for (const point of points) if (point.Type === 'volume') await volumes.open(point.Name!);
  return mountSpecsOf(points, tmpfs ?? {}, apiMounts ?? []);
}

/** After the container stops: its volumes' files kept. */
export async function saveVolumes(
  volumes: Volumes,
  points: readonly MountPoint[] = [],
): Promise<void> {
  for (const point of points) if (point.Type === 'volume') await volumes.save(point.Name!);
}

/** `docker rm -v`: the container's anonymous volumes go with it. */
export async function removeAnonymousVolumes(
  volumes: Volumes,
  points: readonly MountPoint[] = [],
): Promise<void> {
  for (const point of points) {
    if (point.Type !== 'volume') continue;
    const record = await volumes.find(point.Name!);
    if (record?.anonymous) await volumes.remove(point.Name!);
  }
}
