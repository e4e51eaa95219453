// Small numeric helpers shared by the baselines: medians of samples and
// throughput from a byte count and a duration.

/** The median of `samples` (the upper middle one for an even count). Throws on an empty list. */
export function median(samples: ArrayLike<number>): number {
  if (samples.length === 0) throw new RangeError('median of no samples');
  const sorted = Float64Array.from(samples).sort();
  return sorted[Math.floor(sorted.length / 2)]!;
}

const MEBIBYTE = 1024 * 1024;

/** Throughput in MiB/s of `bytes` moved in `nanoseconds`. */
export function mebibytesPerSecond(bytes: number, nanoseconds: number): number {
  if (!(nanoseconds > 0)) throw new RangeError(`duration must be positive, got ${nanoseconds} ns`);
  return bytes / MEBIBYTE / (nanoseconds / 1e9);
}

/** Nanoseconds since an arbitrary origin, as a number (exact to well under a microsecond). */
export function nowNanoseconds(): number {
  return Number(process.hrtime.bigint());
}
