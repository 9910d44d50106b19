import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sentences } from '../src/core/briefing/split-sentences.js';
import { loadBriefingDir } from '../src/storage/briefing-files/load-briefing-dir.js';
import { BriefingParseThread } from '../src/storage/briefing-files/parse-thread.js';
import { measureStall } from '../test/helpers/event-loop-stall.js';
import { largeBriefing, oneParagraph, SEED_TEXT } from '../test/helpers/hostile-briefings.js';

/**
 * Loading one briefing file: the time it takes and the longest event-loop stall meanwhile (and how
 * much of that the main thread spent running, see `measureStall`), on the
 * parser thread (the path for large files) next to parsing on the main thread (the path for small
 * ones), for the 1 MB single-paragraph briefing (38,000 short sentences) and for the 51 KB seed.
 * The first thread run includes starting the thread under tsx; later rounds reuse it. Then
 * sentence splitting, which was superlinear. Prints one JSON line per measurement.
 *
 * No `gc()` between rounds: a full collection also drops compiled code, and every round would
 * then measure a cold parser.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const emit = (o: object) => console.log(JSON.stringify(o));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const round1 = (x: number) => +x.toFixed(1);

async function compare(name: string, text: string, thread: BriefingParseThread): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-bench-load-'));
  try {
    writeFileSync(join(dir, 'briefing.md'), text);
    const bytes = Buffer.byteLength(text);
    const paths = {
      worker: () => loadBriefingDir(dir, { parseThread: thread, inProcessMaxBytes: 0 }),
      in_process: () => loadBriefingDir(dir, { inProcessMaxBytes: Number.POSITIVE_INFINITY }),
    };
    const samples = {
      worker: { ms: [] as number[], stall: [] as number[], blocked: [] as number[] },
      in_process: { ms: [] as number[], stall: [] as number[], blocked: [] as number[] },
    };
    // Alternate the paths so that both see the same machine; take medians.
    for (let r = 0; r < ROUNDS; r++) {
      for (const [path, load] of Object.entries(paths) as [keyof typeof paths, () => Promise<{ briefing?: unknown }[]>][]) {
        const m = await measureStall(load);
        if (!m.result[0]?.briefing) throw new Error(`${name} did not load on the ${path} path`);
        samples[path].ms.push(m.ms);
        samples[path].stall.push(m.maxStallMs);
        samples[path].blocked.push(m.maxBlockedMs);
      }
    }
    for (const [path, s] of Object.entries(samples)) {
      emit({
        bench: 'briefing_load',
        file: name,
        path,
        bytes,
        rounds: ROUNDS,
        median_of: 'rounds',
        load_ms: Math.round(median(s.ms)),
        max_stall_ms: round1(median(s.stall)),
        worst_stall_ms: round1(Math.max(...s.stall)),
        max_blocked_ms: round1(median(s.blocked)),
        ...(path === 'worker' ? { target: 'max_stall_ms < 100' } : {}),
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const thread = new BriefingParseThread();
  try {
    const large = largeBriefing('large-one');
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-bench-load-'));
    writeFileSync(join(dir, 'large.md'), large);
    const cold = await measureStall(() => loadBriefingDir(dir, { parseThread: thread }));
    rmSync(dir, { recursive: true, force: true });
    emit({
      bench: 'briefing_load',
      file: '1mb_paragraph',
      path: 'worker_cold_start',
      bytes: Buffer.byteLength(large),
      load_ms: Math.round(cold.ms),
      max_stall_ms: round1(cold.maxStallMs),
      max_blocked_ms: round1(cold.maxBlockedMs),
    });
    await compare('1mb_paragraph', large, thread);
    await compare('seed_51kb', SEED_TEXT, thread);

    // Sentence splitting: the whole paragraph through Intl.Segmenter at once (the old way, shown
    // at 8,000 sentences because 38,000 take about 45 s; BENCH_OLD_SENTENCES=1 runs it) against
    // the windowed splitter.
    const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
    const whole = (t: string) => Array.from(segmenter.segment(t), (s) => s.segment.trim()).filter(Boolean);
    for (const count of [8_000, 38_000]) {
      const paragraph = oneParagraph(count);
      let t = performance.now();
      const n = sentences(paragraph).length;
      const windowed = performance.now() - t;
      let old: number | undefined;
      if (count <= 8_000 || process.env.BENCH_OLD_SENTENCES) {
        t = performance.now();
        whole(paragraph);
        old = performance.now() - t;
      }
      emit({ bench: 'sentences', sentences: n, windowed_ms: Math.round(windowed), whole_paragraph_ms: old === undefined ? 'skipped' : Math.round(old) });
    }
  } finally {
    await thread.close();
  }
}
