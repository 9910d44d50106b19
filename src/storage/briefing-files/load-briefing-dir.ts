import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { errorMessage } from '../../core/briefing/briefing-problem.js';
import { type FileResult, fileProblem } from './file-result.js';
import { type BriefingParseThread, sharedParseThread } from './parse-thread.js';
import { cannotRead, DEFAULT_MAX_BRIEFING_BYTES, readBriefingFile, tooLarge } from './read-briefing-file.js';

export type { FileResult };
export { DEFAULT_MAX_BRIEFING_BYTES };

export const BRIEFING_EXTENSION = '.md';

/**
 * Files up to this size are parsed on the calling thread, larger ones on the parser thread. A
 * 64 KiB briefing parses in about 20 ms, less than a round trip to a thread that is not yet running
 * (about 300 ms to start); 10,000 small files also load faster without the copying.
 */
export const DEFAULT_IN_PROCESS_MAX_BYTES = 64 * 1024;

export interface LoadOptions {
  /** A larger file is refused unread with "too large". Default 2 MiB (`DEFAULT_MAX_BRIEFING_BYTES`). */
  readonly maxBytes?: number;
  /** Files up to this size are parsed in-process; larger ones on the parser thread. 0 sends every file there. */
  readonly inProcessMaxBytes?: number;
  /** The parser thread to use; by default one shared by every load and hot reload. */
  readonly parseThread?: BriefingParseThread;
}

/**
 * Reads and validates every `*.md` in `dir`. A broken file gets problems; the others still load.
 * Rejects only when the folder itself cannot be read.
 */
export async function loadBriefingDir(dir: string, options: LoadOptions & { concurrency?: number } = {}): Promise<FileResult[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(BRIEFING_EXTENSION)).sort();
  const results: FileResult[] = new Array(names.length);
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const i = next++;
      results[i] = await loadBriefingFile(join(dir, names[i] as string), options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 32, names.length) }, worker));
  return markDuplicateIds(results);
}

/** Loads one briefing file. Never rejects: whatever is wrong with the file comes back as its problems. */
export async function loadBriefingFile(path: string, options: LoadOptions = {}): Promise<FileResult> {
  const file = displayPath(path);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BRIEFING_BYTES;
  try {
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch (error) {
      return cannotRead(file, error);
    }
    if (size > maxBytes) return tooLarge(file, size, maxBytes);
    if (size <= (options.inProcessMaxBytes ?? DEFAULT_IN_PROCESS_MAX_BYTES)) return await readBriefingFile(path, file, maxBytes);
    return await (options.parseThread ?? sharedParseThread()).parse(path, file, maxBytes);
  } catch (error) {
    return fileProblem(file, `could not be parsed: ${errorMessage(error)}`);
  }
}

/** The first file (in name order) keeps an id; later files that reuse it are errors. */
function markDuplicateIds(results: FileResult[]): FileResult[] {
  const owner = new Map<string, string>();
  return results.map((r) => {
    if (!r.briefing) return r;
    const first = owner.get(r.briefing.id);
    if (first === undefined) {
      owner.set(r.briefing.id, r.file);
      return r;
    }
    return { file: r.file, problems: [{ file: r.file, line: 2, field: 'id', message: `duplicate id "${r.briefing.id}" (already used by ${first})` }] };
  });
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}
