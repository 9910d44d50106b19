import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Runs `work` and reports the longest time the event loop could not run a timer meanwhile: the
 * longest an `/ask` or `/healthz` would have waited. Two probes, because each misses what the
 * other sees: the delay histogram, and the drift of a 5 ms interval, which also counts the stall
 * still under way when `work` resolves.
 */
export async function measureStall<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; maxStallMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  let last = performance.now();
  let maxGap = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 5);
  const start = performance.now();
  try {
    const result = await work();
    const ms = performance.now() - start;
    maxGap = Math.max(maxGap, performance.now() - last);
    return { result, ms, maxStallMs: Math.max(maxGap, histogram.max / 1e6) };
  } finally {
    clearInterval(probe);
    histogram.disable();
  }
}
