import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Briefing } from '../../core/briefing/briefing.js';
import { type BriefingProblem, parseBriefing } from '../../core/briefing/parse-briefing.js';

export const BRIEFING_EXTENSION = '.md';

export interface FileResult {
  readonly file: string;
  readonly briefing?: Briefing;
  readonly problems: readonly BriefingProblem[];
}

/** Reads and validates every `*.md` in `dir`. A broken file gets problems; the others still load. */
export async function loadBriefingDir(dir: string, options: { concurrency?: number } = {}): Promise<FileResult[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(BRIEFING_EXTENSION)).sort();
  const results: FileResult[] = new Array(names.length);
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const i = next++;
      results[i] = await loadBriefingFile(join(dir, names[i] as string));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 32, names.length) }, worker));
  return markDuplicateIds(results);
}

export async function loadBriefingFile(path: string): Promise<FileResult> {
  const file = displayPath(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { file, problems: [{ file, field: '(file)', message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }] };
  }
  const result = parseBriefing(text, file);
  return result.ok ? { file, briefing: result.briefing, problems: [] } : { file, problems: result.problems };
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
