import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { errorMessage } from '../../core/briefing/briefing-problem.js';
import { parseBriefing } from '../../core/briefing/parse-briefing.js';
import { decodeBriefingText } from './decode-briefing-text.js';
import { type FileResult, fileProblem } from './file-result.js';
import { onePerTurn } from './one-per-turn.js';

/** Larger briefing files are refused unread: parsing 2 MB of YAML already takes seconds. */
export const DEFAULT_MAX_BRIEFING_BYTES = 2 * 1024 * 1024;

export function tooLarge(file: string, size: number, maxBytes: number): FileResult {
  return fileProblem(file, `too large (${size} bytes; the limit is ${maxBytes})`);
}

export function cannotRead(file: string, error: unknown): FileResult {
  return fileProblem(file, `cannot read: ${(error as NodeJS.ErrnoException).code ?? errorMessage(error)}`);
}

/**
 * Reads, decodes and parses one briefing file: the whole job, on whichever thread calls it.
 * Never rejects; every failure is a problem for this file (`parseBriefing` does not throw).
 */
export async function readBriefingFile(path: string, file: string, maxBytes: number): Promise<FileResult> {
  let bytes: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      // Checked again on the open file: it may have grown since the caller looked.
      const { size } = await handle.stat();
      if (size > maxBytes) return tooLarge(file, size, maxBytes);
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    return cannotRead(file, error);
  }
  if (bytes.length > maxBytes) return tooLarge(file, bytes.length, maxBytes);
  return onePerTurn(() => parseBytes(bytes, file));
}

function parseBytes(bytes: Buffer, file: string): FileResult {
  const digest = createHash('sha1').update(bytes).digest('base64');
  const decoded = decodeBriefingText(bytes, file);
  if (!decoded.ok) return { file, problems: [decoded.problem], digest };
  const result = parseBriefing(decoded.text, file);
  return result.ok ? { file, briefing: result.briefing, problems: [], digest } : { file, problems: result.problems, digest };
}
