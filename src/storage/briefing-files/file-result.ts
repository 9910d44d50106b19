import type { Briefing } from '../../core/briefing/briefing.js';
import type { BriefingProblem } from '../../core/briefing/parse-briefing.js';

/** What loading one briefing file gave: a briefing, or the problems that kept it out. Plain data, so it crosses threads. */
export interface FileResult {
  readonly file: string;
  readonly briefing?: Briefing;
  readonly problems: readonly BriefingProblem[];
  /** A hash of the file's bytes when it was read: hot reload skips a save that changed nothing. */
  readonly digest?: string;
}

export function fileProblem(file: string, message: string, line?: number): FileResult {
  return { file, problems: [line === undefined ? { file, field: '(file)', message } : { file, line, field: '(file)', message }] };
}
