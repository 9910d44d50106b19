import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface Stall<T> {
  readonly result: T;
  readonly ms: number;
  /** The longest time the event loop could not run a timer: what an `/ask` or `/healthz` would have waited. */
  readonly maxStallMs: number;
  /**
   * The longest of those waits that the main thread spent running (its own CPU time), rather than
   * waiting for a CPU: a loaded machine deschedules the whole process, which no code can avoid.
   * Equal to `maxStallMs` where per-thread CPU time cannot be read (outside Linux).
   */
  readonly maxBlockedMs: number;
}

/** The main thread's CPU time in ms from /proc (10 ms resolution), or undefined off Linux. */
function mainThreadCpuMs(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: utime, stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/**
 * Runs `work` and reports how long the event loop was stalled meanwhile. Two wall-clock probes,
 * because each misses what the other sees: the delay histogram, and the drift of a 5 ms interval,
 * which also counts a stall still under way when `work` resolves. Each gap is also charged with
 * the main thread's CPU time over it, to tell blocking from waiting for a CPU.
 */
export async function measureStall<T>(work: () => Promise<T>): Promise<Stall<T>> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  let last = performance.now();
  let lastCpu = mainThreadCpuMs();
  let maxGap = 0;
  let maxBlocked = 0;
  const sample = () => {
    const now = performance.now();
    const cpu = mainThreadCpuMs();
    const gap = now - last;
    maxGap = Math.max(maxGap, gap);
    // The CPU clock ticks in 10 ms steps, so a gap may be charged up to 10 ms more than it ran.
    maxBlocked = Math.max(maxBlocked, cpu === undefined || lastCpu === undefined ? gap : Math.min(gap, cpu - lastCpu));
    last = now;
    lastCpu = cpu;
  };
  const probe = setInterval(sample, 5);
  const start = performance.now();
  try {
    const result = await work();
    const ms = performance.now() - start;
    sample();
    const maxStallMs = Math.max(maxGap, histogram.max / 1e6);
    return { result, ms, maxStallMs, maxBlockedMs: lastCpu === undefined ? maxStallMs : maxBlocked };
  } finally {
    clearInterval(probe);
    histogram.disable();
  }
}
