// The `bocal` command run as a user runs it: a Node process of its own on a
// store of its own ($BOCAL_HOME), its output and status captured.
import { spawnSync } from 'node:child_process';

const BOCAL = new URL('../../bin/bocal.js', import.meta.url).pathname;

export interface BocalResult {
  out: string;
  err: string;
  status: number | null;
}

export interface BocalOptions {
  /** Variables added to this process's environment (BOCAL_HOME is `home`). */
  env?: Record<string, string>;
  /** Where it runs (the test's own directory when not given). */
  cwd?: string;
  timeout?: number;
}

/** A function running `bocal ARGS...` on the store under `home`. */
export function bocalCommand(
  home: string,
  options: BocalOptions = {},
): (...args: string[]) => BocalResult {
  return (...args) => {
    const result = spawnSync(process.execPath, [BOCAL, ...args], {
      encoding: 'utf8',
      cwd: options.cwd,
      env: { ...process.env, ...options.env, BOCAL_HOME: home },
      timeout: options.timeout ?? 180_000,
    });
    return { out: result.stdout, err: result.stderr, status: result.status };
  };
}
