import type { Logger } from '../../../src/core/ports/runtime.js';

export interface LogLine {
  readonly level: 'info' | 'warn' | 'error' | 'debug';
  readonly obj: Record<string, unknown>;
  readonly msg?: string;
}

/** A Logger that keeps every line (with its child bindings) for assertions. */
export function recordingLogger(lines: LogLine[] = [], bindings: Record<string, unknown> = {}): Logger & { lines: LogLine[] } {
  const log =
    (level: LogLine['level']) =>
    (obj: object, msg?: string): void => {
      lines.push({ level, obj: { ...bindings, ...obj }, ...(msg !== undefined ? { msg } : {}) });
    };
  return {
    lines,
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    debug: log('debug'),
    child: (more) => recordingLogger(lines, { ...bindings, ...more }),
  };
}
