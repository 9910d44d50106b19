import type { FileResult } from './file-result.js';

/** Messages between `BriefingParseThread` and `parse-worker.ts`. */
export interface ParseRequest {
  readonly id: number;
  readonly path: string;
  /** The name problems use for the file. */
  readonly file: string;
  readonly maxBytes: number;
}

export type ParseReply = { readonly type: 'ready' } | { readonly type: 'result'; readonly id: number; readonly result: FileResult };
