// An engine on a kernel in this process, with a fresh image store holding
// the built-in images, and the docker CLI run against it with its output
// captured.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker } from '../../src/cli/docker/docker.ts';
import { BOX_WASM } from '../../src/cli/shell-command.ts';
import { Engine } from '../../src/engine/engine.ts';
import { Kernel } from '../../src/kernel/kernel.ts';
import {
  loadNodeBuiltinImages,
  openNodeImageStore,
} from '../../src/platform/node/image-store/open-store.ts';
import { createNodeProcessHost } from '../../src/platform/node/process-host.ts';
import { EmulatedRuntime } from '../../src/runtime/emulated/emulated-runtime.ts';

export interface DockerResult {
  out: string;
  err: string;
  status: number;
}

export interface DockerSetup {
  engine: Engine;
  kernel: Kernel;
  run(...args: string[]): Promise<DockerResult>;
  close(): Promise<void>;
}

export async function dockerSetup(): Promise<DockerSetup> {
  const home = mkdtempSync(join(tmpdir(), 'bocal-engine-'));
  const store = openNodeImageStore(home);
  await loadNodeBuiltinImages(store);
  const kernel = new Kernel(createNodeProcessHost(1));
  const engine = new Engine(store, new EmulatedRuntime(kernel, readFileSync(BOX_WASM)));
  const decoder = () => {
    const d = new TextDecoder();
    return (data: string | Uint8Array) =>
      typeof data === 'string' ? data : d.decode(data, { stream: true });
  };
  return {
    engine,
    kernel,
    async run(...args) {
      let out = '';
      let err = '';
      const o = decoder();
      const e = decoder();
      const status = await docker(
        args,
        { out: (d) => void (out += o(d)), err: (d) => void (err += e(d)), now: Date.now },
        engine,
      );
      return { out, err, status };
    },
    close: () => kernel.shutdown(),
  };
}
