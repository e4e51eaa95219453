// The image and system verbs of /usr/bin/docker inside the emulated host
// (`bocal shell`): files are the host's own (save -o, load -i, import), a
// binary archive goes through the shell's pipe (save | load), and info reads
// the host's /proc.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BOCAL = new URL('../../bin/bocal.js', import.meta.url).pathname;

function shell(command: string) {
  const home = mkdtempSync(join(tmpdir(), 'bocal-docker-images-host-'));
  const result = spawnSync(BOCAL, ['shell', '-c', command], {
    encoding: 'utf8',
    env: { ...process.env, BOCAL_HOME: home },
    timeout: 180_000,
  });
  return { out: result.stdout, err: result.stderr, status: result.status };
}

describe('docker image verbs in the emulated host', () => {
  it('saves to a file of the host, loads it back, pipes save into load and imports a tarball', () => {
    const result = shell(
      [
        'cd /tmp',
        'docker save -o hello.tar hello-world',
        'echo saved=$?',
        'test -s /tmp/hello.tar && echo nonempty',
        'docker rmi hello-world | head -1',
        'docker load -i hello.tar',
        'docker tag hello-world copy:1',
        'docker save copy:1 | docker load',
        'mkdir -p root/bin && echo hi > root/bin/hi && cd root && tar cf ../root.tar bin && cd ..',
        'docker import -m "from the host" root.tar mine:1 | cut -c1-7',
        'docker history --format "{{.Size}} {{.Comment}}" mine:1',
        'cat root.tar | docker import - mine:2 | cut -c1-7',
        'docker images --format "{{.Repository}}:{{.Tag}}" mine | sort',
        'docker load -i /nonexistent.tar; echo status=$?',
        'docker import /tmp 2>&1; echo status=$?',
      ].join('; '),
    );
    expect(result.err).toBe('open /nonexistent.tar: no such file or directory\n');
    expect(result.out.split('\n')).toEqual([
      'saved=0',
      'nonempty',
      'Untagged: hello-world:latest',
      'Loaded image: hello-world:latest',
      'Loaded image: copy:1',
      'sha256:',
      '3B from the host',
      'sha256:',
      'mine:1',
      'mine:2',
      'status=1',
      'read /tmp: is a directory',
      'status=1',
      '',
    ]);
  }, 300_000);

  it("describes its host in info and version, and lists the image verbs in docker's help", () => {
    const result = shell(
      [
        'docker info --format "{{.Name}} {{.OperatingSystem}} {{.Driver}} {{.KernelVersion}}"',
        'docker info | grep -c "^ CPUs: [1-9]"',
        'docker version --format "{{.Client.Os}}/{{.Client.Arch}}"',
        'docker | grep -c -E "^  (rmi|tag|save|load|import|history|version|info|port) "',
        'docker system df | head -1',
        'docker image prune -f',
      ].join('; '),
    );
    expect(result.err).toBe('');
    expect(result.out).toBe(
      [
        'bocal bocal overlay 6.1.0-bocal',
        '1',
        'wasi/wasm',
        '9',
        'TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE',
        'Total reclaimed space: 0B',
        '',
      ].join('\n'),
    );
  }, 300_000);

  it('bocal itself: version is the docker verb, save pipes into load, save -o is relative to the current directory', () => {
    const home = mkdtempSync(join(tmpdir(), 'bocal-docker-images-cli-'));
    const result = spawnSync(
      'sh',
      [
        '-c',
        [
          `"${BOCAL}" version --format '{{.Server.Os}}/{{.Server.Arch}}'`,
          `"${BOCAL}" save hello-world | "${BOCAL}" load`,
          `cd "${home}" && "${BOCAL}" save -o here.tar hello-world && test -s "${home}/here.tar" && echo written`,
        ].join(' && '),
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, BOCAL_HOME: home, BOCAL_DAEMON: '0' },
        timeout: 180_000,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('wasi/wasm\nLoaded image: hello-world:latest\nwritten\n');
  }, 300_000);
});
