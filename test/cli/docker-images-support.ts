// The docker CLI on an engine with a fresh store (dockerSetup), run with
// the caller's files (host paths, as `bocal`) and a given stdin, for the
// image verbs that read and write files.
import { Readable } from 'node:stream';
import { docker } from '../../src/cli/docker/docker.ts';
import { nodeDockerFiles } from '../../src/platform/node/docker-files.ts';
import { dockerSetup, type DockerResult, type DockerSetup } from './docker-support.ts';

export interface ImagesSetup extends DockerSetup {
  /** Runs `docker ARGS` with `stdin` as its standard input; stdout kept as bytes too. */
  runWith(
    stdin: string | Uint8Array,
    ...args: string[]
  ): Promise<DockerResult & { bytes: Uint8Array }>;
}

export async function imagesSetup(): Promise<ImagesSetup> {
  const setup = await dockerSetup();
  const runWith = async (stdin: string | Uint8Array, ...args: string[]) => {
    const chunks: Uint8Array[] = [];
    let err = '';
    const input = typeof stdin === 'string' ? new TextEncoder().encode(stdin) : stdin;
    const status = await docker(
      args,
      {
        out: (d) =>
          void chunks.push(typeof d === 'string' ? new TextEncoder().encode(d) : d.slice()),
        err: (d) => void (err += typeof d === 'string' ? d : new TextDecoder().decode(d)),
        files: nodeDockerFiles(Readable.from([Buffer.from(input)])),
        now: Date.now,
      },
      setup.engine,
    );
    const bytes = new Uint8Array(await new Blob(chunks as Uint8Array<ArrayBuffer>[]).arrayBuffer());
    return { out: new TextDecoder().decode(bytes), err, status, bytes };
  };
  return {
    ...setup,
    runWith,
    run: async (...args: string[]) => {
      const { out, err, status } = await runWith('', ...args);
      return { out, err, status };
    },
  };
}

/** Blanks what differs between two engines: IDs, digests and ages. */
export function normalise(text: string): string {
  return text
    .replace(/sha256:[0-9a-f]{64}/g, 'sha256:<digest>')
    .replace(/\b[0-9a-f]{64}\b/g, '<id>')
    .replace(/\b[0-9a-f]{12}\b/g, '<short>')
    .replace(/(Less than a second|About a minute|\d+ (second|minute)s?) ago/g, '<ago>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, '<time>')
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000 UTC/g, '<time>');
}
