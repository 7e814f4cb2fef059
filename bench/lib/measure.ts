// Runs tasks a fixed number of times with a fixed number in flight, and reports throughput and
// the 99th percentile latency. A measured task and its baseline run in alternating rounds, so
// that a machine getting busier or quieter during the run moves both alike.

export interface Measurement {
  perSecond: number;
  p99Ms: number;
}

class Samples {
  latencies: number[] = [];
  elapsedMs = 0;
  summary(): Measurement {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const p99 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? 0;
    return { perSecond: sorted.length / (this.elapsedMs / 1000), p99Ms: p99 };
  }
}

async function runRound(samples: Samples, from: number, count: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = from;
  const end = from + count;
  const started = performance.now();
  const lane = async () => {
    while (next < end) {
      const i = next++;
      const t0 = performance.now();
      await task(i);
      samples.latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  samples.elapsedMs += performance.now() - started;
}

export interface Comparison {
  value: Measurement;
  baseline: Measurement;
}

/** `iterations` runs of each, `concurrency` in flight, in `rounds` alternating rounds. */
export async function compare(options: { iterations: number; concurrency: number; rounds: number },
  task: (i: number) => Promise<unknown>, baselineTask: (i: number) => Promise<unknown>): Promise<Comparison> {
  const value = new Samples();
  const baseline = new Samples();
  const perRound = Math.ceil(options.iterations / options.rounds);
  for (let done = 0; done < options.iterations; done += perRound) {
    const count = Math.min(perRound, options.iterations - done);
    await runRound(baseline, done, count, options.concurrency, baselineTask);
    await runRound(value, done, count, options.concurrency, task);
  }
  return { value: value.summary(), baseline: baseline.summary() };
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** One result line: `{"bench","scenario","metric","value","baseline","ratio","p99_ms"}` (p99 to `p99Digits` decimals: sub-millisecond work needs more). */
export function report(bench: string, scenario: string, metric: string, result: Comparison, p99Digits = 1): void {
  console.log(JSON.stringify({
    bench, scenario, metric,
    value: round(result.value.perSecond, 1), baseline: round(result.baseline.perSecond, 1),
    ratio: round(result.value.perSecond / result.baseline.perSecond, 3), p99_ms: round(result.value.p99Ms, p99Digits),
  }));
}
