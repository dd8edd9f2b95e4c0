// Types of bench/stats.mjs for the TypeScript benchmarks.
export interface Stats {
  median: number;
  min: number;
  max: number;
  n: number;
}
export interface Figure {
  name: string;
  value: number;
  unit: string;
  target: number | null;
  better: 'lower' | 'higher';
  met: boolean | null;
  min: number;
  max: number;
  [extra: string]: unknown;
}
export declare const now: () => number;
export declare function summary(samples: number[]): Stats;
export declare function percentile(samples: number[], p: number): number;
export declare function round(value: number, digits?: number): number;
export declare function figure(
  name: string,
  stats: number | Pick<Stats, 'median' | 'min' | 'max'>,
  unit: string,
  target: number | null | undefined,
  better?: 'lower' | 'higher',
  extra?: Record<string, unknown>,
): Figure;
export declare function ratioStats(numerator: number[], denominator: number[]): Pick<Stats, 'median' | 'min' | 'max'>;
export declare function log(...args: unknown[]): void;
export declare function emit(result: unknown): void;
