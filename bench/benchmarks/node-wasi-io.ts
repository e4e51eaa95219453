// Node's own WASI on a file read and on a CPU-bound hash, against the same C
// built natively (see baselines/node-wasi-file-read.ts and
// baselines/node-wasi-sha256.ts). These are the references bocal's kernel
// will be compared with; the ratios here say what node:wasi itself costs.
import type { Benchmark } from '../harness.ts';
import {
  measureNativeFileRead,
  measureNodeWasiFileRead,
} from '../baselines/node-wasi-file-read.ts';
import { measureNativeSha256, measureNodeWasiSha256 } from '../baselines/node-wasi-sha256.ts';

export const nodeWasiFileRead: Benchmark = {
  name: 'node-wasi.read-64mib',
  baseline: 'native catfile, same file',
  measure: () => measureNodeWasiFileRead(),
  measureBaseline: () => measureNativeFileRead(),
};

export const nodeWasiSha256: Benchmark = {
  name: 'node-wasi.sha256-64mib',
  baseline: 'native sha256bench',
  measure: () => measureNodeWasiSha256(),
  measureBaseline: () => measureNativeSha256(),
};
