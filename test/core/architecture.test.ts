import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/core/errors.js';

const CORE = join(import.meta.dirname, '../../src/core');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('architecture', () => {
  it('the core imports no platform SDK, scheduler, logger or outer layer', () => {
    const forbidden = /from '(discord\.js|@discordjs\/[^']+|@slack\/[^']+|node-cron|pino|\.\.\/\.\.\/(adapters|storage|scheduling|cli|config)[^']*)'/;
    const offenders = files(CORE).flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .filter((l) => forbidden.test(l))
        .map((l) => `${relative(CORE, f)}: ${l.trim()}`),
    );
    expect(offenders).toEqual([]);
  });

  it('error codes are unique', () => {
    const codes = Object.values(ErrorCode);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
