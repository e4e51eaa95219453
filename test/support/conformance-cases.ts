// The WASI conformance programs (wasm/tests/wasi_*.c) and how each is run:
// arguments after the scratch directory (always argv[1]), environment,
// stdin and the exit status expected when every check passes. The Node
// comparison (test/wasm/conformance.test.ts) and the Chromium one
// (test/browser/kernel.test.ts) run the same list.
export interface ConformanceCase {
  program: string;
  /** Arguments after the scratch directory. */
  args?: string[];
  env?: Record<string, string>;
  stdin?: string;
  /** Expected exit status when every check passes. */
  status?: number;
}

const argsEnv = { T_A: '1', T_EMPTY: '', T_UNI: 'héllo wörld', T_EQ: 'a=b' };

export const conformanceCases: ConformanceCase[] = [
  { program: 'wasi_files' },
  { program: 'wasi_dirs' },
  { program: 'wasi_links' },
  { program: 'wasi_time' },
  { program: 'wasi_abstime' },
  { program: 'wasi_poll' },
  { program: 'wasi_proc' },
  { program: 'wasi_errno' },
  {
    program: 'wasi_args',
    args: ['return', '0', '', 'wörd ünïcode', 'two words', '-'],
    env: argsEnv,
    stdin: 'first line\nsécond ✓\n',
  },
  { program: 'wasi_args', args: ['exit', '3'], env: argsEnv, status: 3 },
  { program: 'wasi_args', args: ['_Exit', '4'], env: argsEnv, status: 4 },
  { program: 'wasi_args', args: ['atexit', '5'], env: argsEnv, status: 5 },
  { program: 'wasi_args', args: ['exit', '255'], env: argsEnv, status: 255 },
];
