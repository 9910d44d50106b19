/** One thing wrong with a briefing file, printed as `file:line: field: message`. */
export interface BriefingProblem {
  readonly file: string;
  readonly line?: number;
  readonly field: string;
  readonly message: string;
}

export function formatProblem(p: BriefingProblem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''}: ${p.field}: ${p.message}`;
}

/** `a.b[2].c`, the way problems name a field. */
export function fieldName(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(front matter)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The text of anything thrown, for a problem message. */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
