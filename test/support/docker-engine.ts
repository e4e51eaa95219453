// A real Docker Engine for the interoperability tests: Debian's docker.io
// (20.10) is installed when missing and dockerd started (we run as root) when
// it does not answer. If it cannot be had, this throws: never a silent skip.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';

/** Debian's client, which matches Debian's daemon (another client may be first on PATH). */
export const DOCKER = '/usr/bin/docker';
const DOCKERD = '/usr/sbin/dockerd';
const LOG = '/tmp/bocal-dockerd.log';

const answers = (): boolean => {
  try {
    execFileSync(DOCKER, ['info', '--format', '{{.ServerVersion}}'], {
      stdio: 'pipe',
      timeout: 10_000,
    });
    return true;
  } catch {
    return false;
  }
};

/** Other test files may be installing their tools at the same moment: wait for dpkg's lock. */
const WAIT_FOR_LOCK = ['-o', 'DPkg::Lock::Timeout=240'];

function install(): void {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', [...WAIT_FOR_LOCK, 'install', '-y', '-qq', 'docker.io'], {
      stdio: 'pipe',
      env,
      timeout: 300_000,
    });
  } catch {
    execFileSync('apt-get', [...WAIT_FOR_LOCK, 'update', '-qq'], {
      stdio: 'pipe',
      env,
      timeout: 300_000,
    });
    execFileSync('apt-get', [...WAIT_FOR_LOCK, 'install', '-y', '-qq', 'docker.io'], {
      stdio: 'pipe',
      env,
      timeout: 300_000,
    });
  }
}

export async function ensureDockerEngine(): Promise<void> {
  if (!existsSync(DOCKERD) || !existsSync(DOCKER)) install();
  if (answers()) return;
  const log = openSync(LOG, 'a');
  const daemon = spawn(DOCKERD, [], { detached: true, stdio: ['ignore', log, log] });
  daemon.unref();
  for (let i = 0; i < 120; i++) {
    if (answers()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  const tail = existsSync(LOG) ? readFileSync(LOG, 'utf8').split('\n').slice(-15).join('\n') : '';
  throw new Error(`dockerd did not start within 60 s (log ${LOG}):\n${tail}`);
}

/** Runs the real docker client; what it printed and its status (never throws). */
export function dockerResult(args: string[]): { out: string; err: string; status: number } {
  const result = spawnSync(DOCKER, args, { encoding: 'utf8', timeout: 120_000 });
  return { out: result.stdout, err: result.stderr, status: result.status ?? -1 };
}

/** Runs the real docker client; throws with its stderr on failure. */
export function docker(args: string[], input?: Uint8Array): string {
  return execFileSync(DOCKER, args, {
    input,
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
  }).toString();
}
