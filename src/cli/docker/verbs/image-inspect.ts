// `docker image inspect` (and `docker inspect` of an image): the Engine
// API's ImageInspect document, built from the image record and its config.
// Fields dockerd fills from its graph driver have bocal's values: the
// storage driver is "overlay" with no host paths.
import type { Engine } from '../../../engine/engine.ts';
import type { ImageRecord } from '../../../image/image-record.ts';
import type { ContainerConfig, ImageConfig } from '../../../image/manifest.ts';
import { parseTemplate } from '../template.ts';
import { daemonError, HELP, isDaemonError, needArgs, type DockerIO } from '../command.ts';
import { isImageError } from '../../../image/errors.ts';
import { flagValue, parseFlags } from '../flags.ts';
import { imageConfig } from './image-config.ts';

const ZERO_TIME = '0001-01-01T00:00:00Z';

/** The container config as the API prints it: every field, Go's zero values for the missing. */
function apiContainerConfig(config: (ContainerConfig & Record<string, unknown>) | undefined) {
  const c = config ?? {};
  return {
    Hostname: c.Hostname ?? '',
    Domainname: c.Domainname ?? '',
    User: c.User ?? '',
    AttachStdin: c.AttachStdin ?? false,
    AttachStdout: c.AttachStdout ?? false,
    AttachStderr: c.AttachStderr ?? false,
    ...(c.ExposedPorts ? { ExposedPorts: c.ExposedPorts } : {}),
    Tty: c.Tty ?? false,
    OpenStdin: c.OpenStdin ?? false,
    StdinOnce: c.StdinOnce ?? false,
    Env: c.Env ?? null,
    Cmd: c.Cmd ?? null,
    Image: c.Image ?? '',
    Volumes: c.Volumes ?? null,
    WorkingDir: c.WorkingDir ?? '',
    Entrypoint: c.Entrypoint ?? null,
    OnBuild: c.OnBuild ?? null,
    Labels: c.Labels ?? null,
    ...(c.StopSignal ? { StopSignal: c.StopSignal } : {}),
  };
}

type LooseConfig = ImageConfig & Record<string, unknown>;

export async function imageInspectDocument(engine: Engine, record: ImageRecord) {
  const config = (await imageConfig(engine.images, record)) as LooseConfig;
  const text = (key: string): string =>
    typeof config[key] === 'string' ? (config[key] as string) : '';
  return {
    Id: record.id,
    RepoTags: await engine.images.tagsOf(record.id),
    RepoDigests: record.repoDigests.map((d) => d.replace(/^docker\.io\/(library\/)?/, '')),
    Parent: text('parent'),
    Comment: text('comment'),
    Created: config.created ?? ZERO_TIME,
    Container: text('container'),
    ContainerConfig: apiContainerConfig(
      config.container_config as (ContainerConfig & Record<string, unknown>) | undefined,
    ),
    DockerVersion: text('docker_version'),
    Author: config.author ?? '',
    Config: apiContainerConfig(config.config as ContainerConfig & Record<string, unknown>),
    Architecture: config.architecture,
    ...(config.variant ? { Variant: config.variant } : {}),
    Os: config.os,
    Size: record.size,
    VirtualSize: record.size,
    GraphDriver: { Data: null, Name: 'overlay' },
    RootFS: { Type: 'layers', Layers: config.rootfs.diff_ids },
    Metadata: { LastTagTime: ZERO_TIME },
  };
}

export function imageInspectVerb(verb: string) {
  return async (argv: string[], io: DockerIO, engine: Engine): Promise<number> => {
    const { flags, args } = parseFlags(
      argv,
      [HELP, { long: 'format', short: 'f', value: true }],
      true,
    );
    needArgs(args, verb, 1);
    const documents: Record<string, unknown>[] = [];
    let status = 0;
    for (const name of args) {
      try {
        documents.push(await imageInspectDocument(engine, await engine.images.get(name)));
      } catch (error) {
        if (isImageError(error, 'not-found')) {
          await io.err(`Error: No such image: ${name}\n`);
          status = 1;
          continue;
        }
        if (isDaemonError(error)) {
          status = await daemonError(io, error);
          continue;
        }
        throw error;
      }
    }
    const format = flagValue(flags, 'format');
    if (format !== undefined) {
      const template = parseTemplate(format, 'types.ImageInspect');
      for (const document of documents) await io.out(`${template.render(document)}\n`);
    } else {
      await io.out(`${JSON.stringify(documents, null, 4)}\n`);
    }
    return status;
  };
}
