// `docker info` / `docker system info`: the Client and Server sections of
// the docker CLI, with what this engine is: container and image counts,
// bocal's version, the overlay storage driver, cgroup v2, the kernel's
// release, the host's processors and memory. --format renders the
// Engine API's Info document (with ClientInfo), as the CLI does.
import type { Engine } from '../../../engine/engine.ts';
import { HELP, noArgs, type DockerIO } from '../command.ts';
import { flagValue, parseFlags } from '../flags.ts';
import { defaultHostInfo } from '../host-info.ts';
import { parseTemplate } from '../template.ts';
import { bytesSize } from '../units.ts';
import { BOCAL_VERSION } from './version.ts';

/** Where the store keeps images and containers: a directory in Node, IndexedDB in a page. */
function rootDirOf(engine: Engine): string {
  const root = (engine.images.backend as { root?: unknown }).root;
  return typeof root === 'string' ? root : 'IndexedDB (bocal-images)';
}

export async function infoDocument(io: DockerIO, engine: Engine) {
  const host = io.host ? await io.host() : defaultHostInfo();
  const containers = engine.list(true);
  const running = containers.filter((c) => c.State.Running && !c.State.Paused).length;
  const paused = containers.filter((c) => c.State.Paused).length;
  return {
    ID: '',
    Containers: containers.length,
    ContainersRunning: running,
    ContainersPaused: paused,
    ContainersStopped: containers.length - running - paused,
    Images: (await engine.images.list()).length,
    Driver: 'overlay',
    DriverStatus: [],
    LoggingDriver: 'local',
    CgroupDriver: 'cgroupfs',
    CgroupVersion: '2',
    KernelVersion: host.kernelVersion,
    OperatingSystem: 'bocal',
    OSVersion: BOCAL_VERSION,
    OSType: 'wasi',
    Architecture: 'wasm32',
    NCPU: host.cpus,
    MemTotal: host.memoryBytes,
    DockerRootDir: rootDirOf(engine),
    Name: host.name,
    ServerVersion: BOCAL_VERSION,
    Debug: false,
    ExperimentalBuild: false,
    LiveRestoreEnabled: false,
    ClientInfo: { Debug: false, Context: 'default', Plugins: [], Warnings: null },
  };
}

export function infoVerb(verb: string) {
  return async (argv: string[], io: DockerIO, engine: Engine): Promise<number> => {
    const { flags, args } = parseFlags(
      argv,
      [HELP, { long: 'format', short: 'f', value: true }],
      true,
    );
    noArgs(args, verb);
    const info = await infoDocument(io, engine);
    const format = flagValue(flags, 'format');
    if (format !== undefined) {
      await io.out(`${parseTemplate(format, 'types.Info').render(info)}\n`);
      return 0;
    }
    await io.out(
      [
        'Client:',
        ` Context:    ${info.ClientInfo.Context}`,
        ` Debug Mode: false`,
        '',
        'Server:',
        ` Containers: ${info.Containers}`,
        `  Running: ${info.ContainersRunning}`,
        `  Paused: ${info.ContainersPaused}`,
        `  Stopped: ${info.ContainersStopped}`,
        ` Images: ${info.Images}`,
        ` Server Version: ${info.ServerVersion}`,
        ` Storage Driver: ${info.Driver}`,
        ` Logging Driver: ${info.LoggingDriver}`,
        ` Cgroup Driver: ${info.CgroupDriver}`,
        ` Cgroup Version: ${info.CgroupVersion}`,
        ` Kernel Version: ${info.KernelVersion}`,
        ` Operating System: ${info.OperatingSystem}`,
        ` OSType: ${info.OSType}`,
        ` Architecture: ${info.Architecture}`,
        ` CPUs: ${info.NCPU}`,
        ` Total Memory: ${bytesSize(info.MemTotal)}`,
        ` Name: ${info.Name}`,
        ` Docker Root Dir: ${info.DockerRootDir}`,
        ` Debug Mode: false`,
        ` Experimental: false`,
        ` Live Restore Enabled: false`,
        '',
      ].join('\n'),
    );
    return 0;
  };
}
