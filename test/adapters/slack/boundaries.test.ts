import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../../src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('module boundaries', () => {
  it('nothing in src/core imports @slack/bolt (or anything from the Slack adapter)', () => {
    const offenders = files(join(SRC, 'core')).filter((f) => /from ['"](@slack\/|[./]+\/adapters\/slack)/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
