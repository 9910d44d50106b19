import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(import.meta.dirname, '../..');
const CHILD = join(import.meta.dirname, 'fixtures/race-child.ts');

export interface RaceResult {
  readonly owner: string;
  readonly claimed: boolean;
  readonly firstTime: boolean;
}

/**
 * Starts `count` processes on `database`; once all have opened the store and said so, tells them all to go at
 * once: each claims `deliveryId` and asks `firstTime(eventKey)`, and reports what it got.
 */
export async function raceInProcesses(database: string, count: number, race: { deliveryId: number; eventKey: string; now: Date }): Promise<RaceResult[]> {
  const children = Array.from({ length: count }, (_, i) =>
    spawn(process.execPath, [join(ROOT, 'bin/run-ts.js'), CHILD], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE: database,
        OWNER: `process-${i}`,
        DELIVERY_ID: String(race.deliveryId),
        EVENT_KEY: race.eventKey,
        NOW: race.now.toISOString(),
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    }),
  );
  try {
    const lines = children.map(linesOf);
    await Promise.all(lines.map(async (next) => expectLine(await next(), 'ready')));
    for (const child of children) child.stdin?.write('go\n');
    return await Promise.all(lines.map(async (next) => JSON.parse(await next()) as RaceResult));
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** Reads a child's stdout line by line; rejects if it exits first. */
function linesOf(child: ChildProcess): () => Promise<string> {
  const queue: string[] = [];
  const waiting: { resolve: (line: string) => void; reject: (e: Error) => void }[] = [];
  let ended: Error | undefined;
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    const w = waiting.shift();
    if (w) w.resolve(line);
    else queue.push(line);
  });
  child.once('exit', (code) => {
    ended = new Error(`race child exited with ${code} before answering`);
    for (const w of waiting.splice(0)) w.reject(ended);
  });
  return () => {
    const line = queue.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (ended) return Promise.reject(ended);
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };
}

function expectLine(line: string, expected: string): void {
  if (line !== expected) throw new Error(`race child said "${line}", expected "${expected}"`);
}
