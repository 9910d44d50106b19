import { closeSync, openSync, readSync } from 'node:fs';
import { LruMap } from './lru.js';
import { dataFile, type Pos } from './wordnet-index.js';

/** A pointer from a synset (or one of its words) to another synset, as `data.*` lists it. */
export interface Pointer {
  /** WordNet's pointer symbol: "@" hypernym, "@i" instance hypernym, "+" derivationally related, "&" similar to… */
  readonly symbol: string;
  readonly pos: Pos;
  readonly offset: number;
  /** 1-based word numbers for lexical pointers; 0 for both when the pointer joins whole synsets. */
  readonly source: number;
  readonly target: number;
}

export interface Synset {
  readonly pos: Pos;
  readonly offset: number;
  /** An adjective satellite ("s"), whose "&" pointer leads to its one head adjective. */
  readonly satellite: boolean;
  /** Member lemmas in WordNet's order, lower-cased, "_" for spaces, adjective markers like "(p)" removed. */
  readonly words: readonly string[];
  readonly pointers: readonly Pointer[];
  readonly gloss: string;
}

/** Adjective satellites ("s") live in data.adj with the head adjectives: one concept space. */
function toPos(symbol: string): Pos {
  return symbol === 's' ? 'a' : (symbol as Pos);
}

/**
 * Reads synset records from `data.<pos>` by byte offset, on demand: the four files are 22 MB, and a
 * question touches a few dozen synsets. One descriptor per file stays open for the process's life.
 */
export class SynsetReader {
  readonly #fds = new Map<Pos, number>();
  readonly #cache: LruMap<string, Synset>;
  #buffer = Buffer.alloc(4096);

  constructor(cacheSize = 20_000) {
    this.#cache = new LruMap(cacheSize);
  }

  read(pos: Pos, offset: number): Synset {
    const key = pos + offset;
    let synset = this.#cache.get(key);
    if (!synset) {
      synset = parseSynset(this.#line(pos, offset));
      this.#cache.set(key, synset);
    }
    return synset;
  }

  close(): void {
    for (const fd of this.#fds.values()) closeSync(fd);
    this.#fds.clear();
  }

  #line(pos: Pos, offset: number): string {
    let fd = this.#fds.get(pos);
    if (fd === undefined) {
      fd = openSync(dataFile(pos), 'r');
      this.#fds.set(pos, fd);
    }
    // Most records fit in 4 KB; a few (hyponym lists of "person", "city") run past 12 KB.
    for (;;) {
      const bytes = readSync(fd, this.#buffer, 0, this.#buffer.length, offset);
      const eol = this.#buffer.indexOf(10);
      if (eol >= 0 && eol < bytes) return this.#buffer.toString('latin1', 0, eol);
      if (bytes < this.#buffer.length) return this.#buffer.toString('latin1', 0, bytes);
      this.#buffer = Buffer.alloc(this.#buffer.length * 2);
    }
  }
}

/** `offset lex_filenum ss_type w_cnt [word lex_id]… p_cnt [symbol offset pos source/target]… [frames] | gloss` */
export function parseSynset(line: string): Synset {
  const bar = line.indexOf(' | ');
  const fields = (bar >= 0 ? line.slice(0, bar) : line).split(' ');
  const gloss = bar >= 0 ? line.slice(bar + 3).trim() : '';
  const offset = Number(fields[0]);
  const pos = toPos(fields[2] as string);
  const satellite = fields[2] === 's';
  const wordCount = Number.parseInt(fields[3] as string, 16);
  const words: string[] = [];
  let at = 4;
  for (let k = 0; k < wordCount; k++, at += 2) words.push((fields[at] as string).toLowerCase().replace(/\([a-z]+\)$/, ''));
  const pointerCount = Number(fields[at++]);
  const pointers: Pointer[] = [];
  for (let k = 0; k < pointerCount; k++, at += 4) {
    const sourceTarget = fields[at + 3] as string;
    pointers.push({
      symbol: fields[at] as string,
      offset: Number(fields[at + 1]),
      pos: toPos(fields[at + 2] as string),
      source: Number.parseInt(sourceTarget.slice(0, 2), 16),
      target: Number.parseInt(sourceTarget.slice(2), 16),
    });
  }
  return { pos, offset, satellite, words, pointers, gloss };
}
