/**
 * Runs synchronous jobs one per turn of the event loop. Many small briefings read in parallel
 * finish their reads in the same poll phase, and parsing them all back to back blocked timers for
 * 300 ms; one parse per turn lets timers and I/O run between them.
 */
const queue: (() => void)[] = [];
let scheduled = false;

export function onePerTurn<T>(job: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    queue.push(() => {
      try {
        resolve(job());
      } catch (error) {
        reject(error);
      }
    });
    if (!scheduled) {
      scheduled = true;
      setImmediate(runOne);
    }
  });
}

function runOne(): void {
  queue.shift()?.();
  // An immediate scheduled from inside one runs on the next turn, after timers and I/O.
  if (queue.length > 0) setImmediate(runOne);
  else scheduled = false;
}
