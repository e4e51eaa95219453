// `docker version`: the Client and Server sections in the docker CLI's
// layout, with bocal's numbers. bocal is not written in Go and has no
// separate build: the Go version, git commit and build date lines are left
// out rather than invented. --format renders the same document.
import type { Engine } from '../../../engine/engine.ts';
import { HELP, noArgs, type DockerIO } from '../command.ts';
import { flagValue, parseFlags } from '../flags.ts';
import { parseTemplate } from '../template.ts';

/** bocal's version (package.json's; a test keeps the two equal). */
export const BOCAL_VERSION = '0.1.0';
export const BOCAL_BUILD = 'bocal';
/** The Engine API version whose shapes our documents follow (Docker 20.10's). */
export const API_VERSION = '1.41';
export const MIN_API_VERSION = '1.12';

export function versionDocument() {
  return {
    Client: {
      Platform: { Name: '' },
      Version: BOCAL_VERSION,
      ApiVersion: API_VERSION,
      DefaultAPIVersion: API_VERSION,
      Os: 'wasi',
      Arch: 'wasm',
      Context: 'default',
      Experimental: true,
    },
    Server: {
      Platform: { Name: 'bocal' },
      Components: [
        {
          Name: 'Engine',
          Version: BOCAL_VERSION,
          Details: {
            ApiVersion: API_VERSION,
            MinAPIVersion: MIN_API_VERSION,
            Os: 'wasi',
            Arch: 'wasm',
            Experimental: 'false',
          },
        },
        { Name: 'bocal kernel', Version: BOCAL_VERSION, Details: { GitCommit: '' } },
      ],
      Version: BOCAL_VERSION,
      ApiVersion: API_VERSION,
      MinAPIVersion: MIN_API_VERSION,
      Os: 'wasi',
      Arch: 'wasm',
      KernelVersion: '6.1.0-bocal',
      Experimental: false,
    },
  };
}

/** Go's tabwriter as `docker version` sets it up: a minimum width of 20, one space of padding. */
function aligned(lines: Array<[label: string, value: string] | string>): string {
  return lines
    .map((line) => {
      if (typeof line === 'string') return `${line}\n`;
      const [label, value] = line;
      return `${label.padEnd(Math.max(20, label.length + 1))}${value}\n`;
    })
    .join('');
}

export async function versionCommand(argv: string[], io: DockerIO, _engine: Engine) {
  const { flags, args } = parseFlags(
    argv,
    [HELP, { long: 'format', short: 'f', value: true }],
    true,
  );
  noArgs(args, 'version');
  const document = versionDocument();
  const format = flagValue(flags, 'format');
  if (format !== undefined) {
    await io.out(`${parseTemplate(format, 'types.VersionResponse').render(document)}\n`);
    return 0;
  }
  const { Client: client, Server: server } = document;
  await io.out(
    aligned([
      'Client:',
      [' Version:', client.Version],
      [' API version:', client.ApiVersion],
      [' OS/Arch:', `${client.Os}/${client.Arch}`],
      [' Context:', client.Context],
      [' Experimental:', String(client.Experimental)],
      '',
      `Server: ${server.Platform.Name}`,
      ' Engine:',
      ['  Version:', server.Version],
      ['  API version:', `${server.ApiVersion} (minimum version ${server.MinAPIVersion})`],
      ['  OS/Arch:', `${server.Os}/${server.Arch}`],
      ['  Experimental:', String(server.Experimental)],
      ' bocal kernel:',
      ['  Version:', server.Components[1]!.Version],
    ]),
  );
  return 0;
}
