import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SEED_ID } from '../helpers/bot.js';
import { ACCEPTED_CASES, BROKEN_CASES, largeBriefing, SEED_TEXT } from '../helpers/hostile-briefings.js';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'briefbot-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('briefbot check on files that once stopped the loader', () => {
  it('prints one line per file, loads the rest (the 1 MB one on the parser thread under tsx), and exits 1', () => {
    writeFileSync(join(dir, `${SEED_ID}.md`), SEED_TEXT);
    writeFileSync(join(dir, 'big.md'), largeBriefing('big-paragraph'));
    writeFileSync(join(dir, 'too-large.md'), largeBriefing('too-large', 80_000));
    for (const c of [...BROKEN_CASES, ...ACCEPTED_CASES]) writeFileSync(join(dir, c.name), c.content);

    const r = spawnSync(process.execPath, [join(ROOT, 'bin/briefbot.js'), 'check', dir], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, BRIEFBOT_DATABASE: join(dir, 'cli.db'), LOG_FORMAT: 'json' },
      timeout: 120_000,
    });
    expect(r.stderr).not.toMatch(/Error|\n\s+at |parser thread could not start/);
    expect(r.status).toBe(1);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.replace(`${dir}/`, ''));
    const byFile = (name: string) => lines.filter((l) => l.startsWith(`${name}:`));
    for (const c of [...BROKEN_CASES, ...ACCEPTED_CASES]) {
      expect(byFile(c.name), c.name).toHaveLength(1);
      expect(byFile(c.name)[0], c.name).toMatch(c.expected);
    }
    expect(byFile('too-large.md')).toEqual([expect.stringMatching(/^too-large\.md: \(file\): too large \(\d+ bytes; the limit is 2097152\)$/)]);
    expect(byFile('big.md')).toEqual([expect.stringMatching(/^big\.md: ok \(big-paragraph, published, \d+ Q&A\)$/)]);
    expect(byFile(`${SEED_ID}.md`)).toEqual([expect.stringMatching(/: ok \(/)]);
    expect(lines).toHaveLength(BROKEN_CASES.length + ACCEPTED_CASES.length + 3);
    // One spawn takes several seconds on a busy machine (the CLI imports both chat libraries).
  }, 120_000);
});
