import type { Logger } from '../../src/core/ports/runtime.js';

export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly obj: Record<string, unknown>;
  readonly msg: string;
}

/** A Logger that keeps every entry (child bindings merged in), for tests to read. */
export function captureLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const make = (bindings: Record<string, unknown>): Logger => {
    const at = (level: LogEntry['level']) => (obj: object, msg?: string) => entries.push({ level, obj: { ...bindings, ...obj }, msg: msg ?? '' });
    return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: (more) => make({ ...bindings, ...more }) };
  };
  return Object.assign(make({}), { entries });
}
