// Latencies and failures as the load processes collect them.
import type { Failures, Samples } from './protocol.ts';

export interface Latency {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function summarize(...sets: Samples[]): Latency {
  const sorted = sets.flat().sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * q) - 1))] ?? 0;
  return { count: sorted.length, p50Ms: round(at(0.5)), p99Ms: round(at(0.99)), maxMs: round(sorted.at(-1) ?? 0) };
}

export class Latencies {
  private readonly values: number[] = [];

  add(ms: number): void {
    this.values.push(round(ms, 2));
  }

  /** Times `work`, recording its latency only when it succeeds. */
  async time<T>(work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await work();
    this.add(performance.now() - started);
    return result;
  }

  samples(): Samples {
    return this.values;
  }
}

const MAX_REASONS = 8;

export class FailureCount {
  private count = 0;
  private readonly reasons: Record<string, number> = {};

  add(reason: unknown): void {
    this.count++;
    const text = reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : JSON.stringify(reason);
    const key = text.slice(0, 120);
    if (key in this.reasons || Object.keys(this.reasons).length < MAX_REASONS) this.reasons[key] = (this.reasons[key] ?? 0) + 1;
  }

  summary(): Failures {
    return { count: this.count, reasons: { ...this.reasons } };
  }

  static merge(...all: Failures[]): Failures {
    const reasons: Record<string, number> = {};
    for (const f of all) for (const [k, n] of Object.entries(f.reasons)) reasons[k] = (reasons[k] ?? 0) + n;
    return { count: all.reduce((sum, f) => sum + f.count, 0), reasons };
  }
}

export const round = (value: number, digits = 1) => Number(value.toFixed(digits));
