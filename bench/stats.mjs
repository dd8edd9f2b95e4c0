// Small helpers shared by the benchmarks: statistics, figures and the output protocol.
//
// Every sub-benchmark prints progress on stderr and, as its last stdout line,
// one JSON object `{ figures: [...], notes: [...], breakdown: {...} }` that
// bench/run.mjs collects.
import { performance } from 'node:perf_hooks';

export const now = () => performance.now();

export function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(samples, p) {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function round(value, digits = 3) {
  if (value === undefined || value === null || !Number.isFinite(value)) return value;
  const magnitude = Math.abs(value);
  const decimals = magnitude >= 100 ? 1 : magnitude >= 10 ? 2 : digits;
  return Number(value.toFixed(decimals));
}

/**
 * A figure in the results file. `better` is 'lower' or 'higher'; `target` may be
 * null for figures shown for information only (then `met` is null).
 */
export function figure(name, stats, unit, target, better = 'lower', extra = {}) {
  const value = typeof stats === 'number' ? stats : stats.median;
  const met = target === null || target === undefined ? null : better === 'lower' ? value <= target : value >= target;
  return {
    name,
    value: round(value),
    unit,
    target: target ?? null,
    better,
    met,
    min: round(typeof stats === 'number' ? value : stats.min),
    max: round(typeof stats === 'number' ? value : stats.max),
    ...extra,
  };
}

/** Ratio figure from two sample sets: median(numerator)/median(denominator), min/max from the extremes. */
export function ratioStats(numerator, denominator) {
  const a = summary(numerator);
  const b = summary(denominator);
  return { median: a.median / b.median, min: a.min / b.max, max: a.max / b.min };
}

export function log(...args) {
  console.error('[bench]', ...args);
}

export function emit(result) {
  process.stdout.write('\n' + JSON.stringify(result) + '\n');
}
