import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { AnswerEngine } from '../src/core/answers/answer-engine.js';
import { BriefingLibrary } from '../src/core/briefing/briefing-library.js';
import { prepareWordVectors } from '../src/core/text/vectors.js';
import { loadBriefingDir } from '../src/storage/briefing-files/load-briefing-dir.js';
import { baselineComparison } from './baseline.js';
import { generateBriefings } from './generate-briefings.js';

/**
 * Answer engine benchmark: latency with the seed briefing alone and among 10,000 generated ones,
 * and load + validate + index time next to the floor of just reading and parsing the files.
 * Prints one JSON line per measurement.
 */
const ROOT = join(import.meta.dirname, '..');
const COUNT = Number(process.env.BENCH_BRIEFINGS ?? 10_000);
const QUESTIONS = 1_000;
const emit = (o: object) => console.log(JSON.stringify(o));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function seedQuestions(): string[] {
  const lines = readFileSync(join(ROOT, 'test/fixtures/questions/seed-questions.jsonl'), 'utf8').split('\n').filter(Boolean);
  return lines.flatMap((l) => {
    const o = JSON.parse(l) as { q?: string; turns?: { q: string }[] };
    return o.turns ? [o.turns[0]?.q ?? ''] : [o.q ?? ''];
  });
}

function latency(engine: AnswerEngine, questions: string[]) {
  for (const q of questions.slice(0, 50)) engine.answer(q); // warm the JIT, not the caches of the measured questions
  const times: number[] = [];
  for (let i = 0; i < QUESTIONS; i++) {
    const q = questions[i % questions.length] as string;
    const t = performance.now();
    engine.answer(q);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50_ms: +percentile(times, 50).toFixed(3), p99_ms: +percentile(times, 99).toFixed(3) };
}

/** The floor: read every file and parse its front matter, nothing else. */
async function readAndParse(dir: string): Promise<number> {
  const t = performance.now();
  const names = readdirSync(dir).filter((n) => n.endsWith('.md'));
  await Promise.all(
    names.map(async (n) => {
      const text = await readFile(join(dir, n), 'utf8');
      const end = text.indexOf('\n---', 4);
      parseYaml(text.slice(4, end));
    }),
  );
  return performance.now() - t;
}

export async function run(): Promise<void> {
  await prepareWordVectors();
  emit(await baselineComparison());
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-bench-'));
  try {
    const seedLib = new BriefingLibrary((await loadBriefingDir(join(ROOT, 'briefings'))).flatMap((r) => (r.briefing ? [r.briefing] : [])));
    const seedQs = seedQuestions();
    const generated = generateBriefings(dir, COUNT);
    cpSync(join(ROOT, 'briefings'), dir, { recursive: true });

    // Alternate floor and full load so both see the same page-cache state; take medians.
    const floors: number[] = [];
    const loads: number[] = [];
    let library = new BriefingLibrary();
    let memory: { rss_mb: number; heap_used_mb: number } | undefined;
    for (let run = 0; run < Number(process.env.BENCH_LOAD_RUNS ?? 3); run++) {
      floors.push(await readAndParse(dir));
      globalThis.gc?.();
      const t = performance.now();
      const results = await loadBriefingDir(dir);
      library = new BriefingLibrary(results.flatMap((r) => (r.briefing ? [r.briefing] : [])));
      loads.push(performance.now() - t);
      // Resident memory only after the first load: later rounds' garbage would inflate it.
      if (!memory) {
        globalThis.gc?.();
        memory = { rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20), heap_used_mb: Math.round(process.memoryUsage().heapUsed / 2 ** 20) };
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const floor = median(floors);
    const load = median(loads);
    emit({
      bench: 'load',
      briefings: library.size,
      read_parse_ms: Math.round(floor),
      load_validate_index_ms: Math.round(load),
      ratio: +(load / floor).toFixed(2),
      target: '<= 2',
    });
    emit({ bench: 'memory', briefings: library.size, ...memory });

    // Questions about random generated briefings, mixed with the seed questions. Each round uses
    // fresh engines (cold caches) and measures both sizes back to back, so noise hits both.
    const mixed: string[] = [];
    for (let i = 0; i < QUESTIONS; i++) {
      mixed.push(i % 4 === 0 ? (seedQs[i % seedQs.length] as string) : (generated[(i * 7919) % generated.length]?.questions[i % 6] as string));
    }
    const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
    const ones: ReturnType<typeof latency>[] = [];
    const manys: ReturnType<typeof latency>[] = [];
    for (let r = 0; r < rounds; r++) {
      globalThis.gc?.();
      ones.push(latency(new AnswerEngine(seedLib), seedQs));
      globalThis.gc?.();
      manys.push(latency(new AnswerEngine(library), mixed));
    }
    const med = (xs: ReturnType<typeof latency>[], k: 'p50_ms' | 'p99_ms') => median(xs.map((x) => x[k]));
    const one = { p50_ms: med(ones, 'p50_ms'), p99_ms: med(ones, 'p99_ms') };
    const many = { p50_ms: med(manys, 'p50_ms'), p99_ms: med(manys, 'p99_ms') };
    emit({ bench: 'answer_latency', briefings: seedLib.size, questions: QUESTIONS, rounds, median_of: 'rounds', ...one });
    emit({ bench: 'answer_latency', briefings: library.size, questions: QUESTIONS, rounds, median_of: 'rounds', ...many });
    emit({
      bench: 'answer_latency_ratio',
      p99_ratio: +(many.p99_ms / one.p99_ms).toFixed(2),
      p50_ratio: +(many.p50_ms / one.p50_ms).toFixed(2),
      target: 'p99 <= 3',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
