import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/core/errors.js';

const CORE = join(import.meta.dirname, '../../src/core');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('architecture', () => {
  it('the core imports no platform SDK, scheduler or logger, and nothing outside src/core', () => {
    const sdk = /^(discord\.js|@discordjs\/|@slack\/|node-cron|pino)/;
    const offenders = files(CORE).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/from '([^']+)'/g)]
        .map((m) => m[1] as string)
        // A relative import must resolve inside src/core, however many "../" it takes to leave it.
        .filter((spec) => sdk.test(spec) || (spec.startsWith('.') && relative(CORE, resolve(dirname(f), spec)).startsWith('..')))
        .map((spec) => `${relative(CORE, f)}: ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('error codes are unique', () => {
    const codes = Object.values(ErrorCode);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
