// `docker import -c` / `docker commit -c`: Dockerfile instructions applied to
// an image's container config. The ones Docker allows there: CMD,
// ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD (ignored here), STOPSIGNAL, USER,
// VOLUME, WORKDIR.
import { ImageError } from './errors.ts';
import type { ContainerConfig } from './manifest.ts';

const invalid = (message: string): ImageError => new ImageError('invalid-content', message);

/** JSON form (`["a","b"]`) or shell form (`a b` -> `/bin/sh -c "a b"`). */
function commandOf(rest: string): string[] {
  const trimmed = rest.trim();
  if (trimmed.startsWith('[')) {
    try {
      const value: unknown = JSON.parse(trimmed);
      if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
        return value as string[];
    } catch {
      // not JSON: Docker then takes it as the shell form
    }
  }
  return ['/bin/sh', '-c', trimmed];
}

/** `k=v k2="v 2"` or the legacy `k v` form. */
function pairsOf(rest: string, instruction: string): Array<[string, string]> {
  const trimmed = rest.trim();
  const first = trimmed.split(/\s+/)[0] ?? '';
  if (!first.includes('=')) {
    const space = trimmed.search(/\s/);
    if (space < 0) throw invalid(`${instruction} needs a value: ${instruction} ${trimmed}`);
    return [[trimmed.slice(0, space), trimmed.slice(space).trim()]];
  }
  const pairs: Array<[string, string]> = [];
  const re = /([^\s=]+)=("((?:[^"\\]|\\.)*)"|'([^']*)'|(\S*))/g;
  for (const match of trimmed.matchAll(re)) {
    const value =
      match[3] !== undefined ? match[3].replace(/\\(.)/g, '$1') : (match[4] ?? match[5] ?? '');
    pairs.push([match[1]!, value]);
  }
  return pairs;
}

export function applyChanges(config: ContainerConfig, changes: readonly string[]): ContainerConfig {
  const next: ContainerConfig = structuredClone(config);
  for (const change of changes) {
    const match = /^\s*(\S+)\s*([\s\S]*)$/.exec(change);
    if (!match) continue;
    const instruction = match[1]!.toUpperCase();
    const rest = match[2] ?? '';
    switch (instruction) {
      case 'CMD':
        next.Cmd = commandOf(rest);
        break;
      case 'ENTRYPOINT':
        next.Entrypoint = commandOf(rest);
        break;
      case 'ENV': {
        const env = new Map(
          (next.Env ?? []).map((e) => [
            e.slice(0, e.indexOf('=') < 0 ? e.length : e.indexOf('=')),
            e,
          ]),
        );
        for (const [key, value] of pairsOf(rest, 'ENV')) env.set(key, `${key}=${value}`);
        next.Env = [...env.values()];
        break;
      }
      case 'LABEL':
        next.Labels = { ...next.Labels, ...Object.fromEntries(pairsOf(rest, 'LABEL')) };
        break;
      case 'EXPOSE':
        next.ExposedPorts = { ...next.ExposedPorts };
        for (const port of rest.trim().split(/\s+/).filter(Boolean))
          next.ExposedPorts[port.includes('/') ? port : `${port}/tcp`] = {};
        break;
      case 'VOLUME': {
        next.Volumes = { ...next.Volumes };
        const trimmed = rest.trim();
        const paths = trimmed.startsWith('[')
          ? commandOf(trimmed)
          : trimmed.split(/\s+/).filter(Boolean);
        for (const path of paths) next.Volumes[path] = {};
        break;
      }
      case 'WORKDIR':
        next.WorkingDir = rest.trim();
        break;
      case 'USER':
        next.User = rest.trim();
        break;
      case 'STOPSIGNAL':
        next.StopSignal = rest.trim();
        break;
      case 'ONBUILD':
        break;
      default:
        throw invalid(`${instruction.toLowerCase()} is not a valid change command`);
    }
  }
  return next;
}
