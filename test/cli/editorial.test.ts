import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSince, unansweredReport } from '../../src/core/editorial/unanswered-report.js';
import { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { SEED_DIR, SEED_ID } from '../helpers/bot.js';

const ROOT = join(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'briefbot-editorial-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function briefbot(args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/briefbot.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, BRIEFBOT_DATABASE: join(work, 'unused.db'), LOG_FORMAT: 'json', LOG_LEVEL: 'warn' },
    timeout: 90_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('briefbot eval', () => {
  const questions = join(work, 'questions.jsonl');
  writeFileSync(
    questions,
    [
      { q: 'Who entered Airbase 101?', any: ['russia'], briefing: SEED_ID },
      { q: 'What is the price of oil today?', refuse: true },
      { q: 'How many US troops are in Niger?', any: ['1,000'], conversation: 'c1' },
      { q: 'Where will they go?', any: ['germany'], conversation: 'c1' },
      { q: 'Who is the ambassador of Atlantis?', any: ['never'] },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n'),
  );

  // Each run spawns the CLI, which loads WordNet, the word vectors and wink-nlp: slow on a busy machine.
  it('prints a line per question and a summary, and exits 1 below the minimum', { timeout: 180_000 }, () => {
    const ok = briefbot(['eval', questions, '--briefings', SEED_DIR]);
    const lines = ok.stdout.trim().split('\n');
    expect(lines.slice(0, 5).every((l) => /^(right|WRONG) {2}(answerable|refuse|follow-up)/.test(l))).toBe(true);
    // The Atlantis question cannot be answered right: one of four answerable turns is wrong at least.
    expect(lines[4]).toMatch(/^WRONG/);
    expect(ok.stdout).toMatch(/answered right: \d\/3 \(\d+%\)/);
    expect(ok.stdout).toMatch(/refused right: {2}1\/1 \(100%\)/);
    expect(ok.stdout).toMatch(/follow-ups right: \d\/1/);
    expect(ok.stdout).toMatch(/routed right: {3}1\/1/);
    expect(ok.code).toBe(0);
    expect(briefbot(['eval', questions, '--briefings', SEED_DIR, '--min-answer', '100', '--quiet']).code).toBe(1);
  });

  it('names a broken question line and still runs the others', { timeout: 120_000 }, () => {
    const bad = join(work, 'bad.jsonl');
    writeFileSync(bad, '{"q": "Who entered Airbase 101?", "any": ["russia"]}\nnot json\n{"q": "no expectation"}\n');
    const r = briefbot(['eval', bad, '--briefings', SEED_DIR, '--quiet']);
    expect(r.stderr).toContain(`${bad}:2: not valid JSON`);
    expect(r.stderr).toContain(`${bad}:3: give "any", "all" or "refuse": true`);
    expect(r.stdout).toMatch(/answered right: \d\/1/);
  });
});

describe('briefbot report unanswered', () => {
  it('groups refused and voted-down questions by briefing, most asked first', { timeout: 120_000 }, async () => {
    const db = join(work, 'report.db');
    const store = SqliteStore.open(db);
    const now = new Date();
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
    for (const [q, briefing, h] of [
      ['How many people live in Niger?', SEED_ID, 1],
      ['how many people live in niger', SEED_ID, 2],
      ['What is the weather?', null, 3],
      ['Too old to report', SEED_ID, 24 * 30],
    ] as const) {
      await store.unanswered.record({ platform: 'slack', conversation: null, question: q, briefing, at: hoursAgo(h) });
    }
    await store.feedback.record({
      platform: 'discord',
      user: 'u',
      conversation: null,
      question: 'Who built Airbase 201?',
      answer: 'x',
      briefing: SEED_ID,
      helpful: false,
      at: hoursAgo(1),
    });
    await store.close();
    const r = briefbot(['report', 'unanswered', '--since', '7d', '--database', db]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      `${SEED_ID}: 3`,
      '     2  How many people live in Niger?  (2 refused)',
      '     1  Who built Airbase 201?  (1 voted down)',
    ]);
    expect(r.stdout).toContain('(no briefing): 1');
    expect(r.stdout).not.toContain('Too old');
    expect(briefbot(['report', 'unanswered', '--since', 'soon', '--database', db]).stderr).toMatch(/--since must look like/);
  });

  it('parses ages and sorts ties by recency', () => {
    expect(parseSince('7d')).toBe(7 * 86_400_000);
    expect(parseSince('90m')).toBe(90 * 60_000);
    expect(parseSince('x')).toBeUndefined();
    const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
    const report = unansweredReport(
      [
        { platform: 'x', conversation: null, question: 'a?', briefing: 'b1', at: at(1) },
        { platform: 'x', conversation: null, question: 'b?', briefing: 'b1', at: at(2) },
      ],
      [],
    );
    expect(report[0]?.questions.map((q) => q.question)).toEqual(['b?', 'a?']);
  });
});
