// The set-up of the tests that compare a container's network files
// (/etc/hosts, /etc/resolv.conf) with real Docker's: dockerd running, the
// native probe image, a bocal engine whose emulated host has the real
// host's resolv.conf and hosts, so that the containers' copies, made from
// them on each side, can be compared.
import { readFileSync } from 'node:fs';
import { writeFile } from '../../src/kernel/boot/kernel-files.ts';
import { ensureDockerEngine } from '../support/docker-engine.ts';
import { dockerSetup, type DockerSetup } from './docker-support.ts';
import { nativeProbeImage } from './native-probe-image.ts';

export async function networkFilesPair(): Promise<{ d: DockerSetup; image: string }> {
  await ensureDockerEngine();
  const image = nativeProbeImage();
  const d = await dockerSetup();
  for (const path of ['/etc/resolv.conf', '/etc/hosts']) {
    await writeFile(d.kernel.init, path, readFileSync(path));
  }
  return { d, image };
}
