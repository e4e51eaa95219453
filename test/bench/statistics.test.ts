// The numeric helpers every baseline reports through.
import { describe, expect, it } from 'vitest';
import { mebibytesPerSecond, median } from '../../bench/baselines/statistics.ts';

describe('median', () => {
  it('is the middle sample, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median(new Float64Array([10, 2, 7, 7, 1]))).toBe(7);
  });

  it('takes the upper middle sample of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(3);
  });

  it('sorts numerically, not as strings', () => {
    expect(median([100, 9, 20])).toBe(20);
  });

  it('refuses an empty list', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('mebibytesPerSecond', () => {
  it('is 1 for one MiB in one second', () => {
    expect(mebibytesPerSecond(1024 * 1024, 1e9)).toBe(1);
  });

  it('is 64 for 64 MiB in one second', () => {
    expect(mebibytesPerSecond(64 * 1024 * 1024, 1e9)).toBe(64);
  });

  it('refuses a zero duration', () => {
    expect(() => mebibytesPerSecond(1, 0)).toThrow(RangeError);
  });
});
