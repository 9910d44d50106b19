import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SEED_DIR, SEED_ID } from '../helpers/bot.js';

const ROOT = join(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'briefbot-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the real CLI as a user would, with logs kept off stdout. */
function briefbot(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/briefbot.js'), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, BRIEFBOT_DATABASE: join(work, 'cli.db'), LOG_FORMAT: 'json', LOG_LEVEL: 'info' },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('briefbot CLI', () => {
  it('ask --json prints exactly one JSON line per input line, follow-ups included', () => {
    const lines = [
      { conversation: 'a', q: 'Who entered the airbase in Niger?' },
      { conversation: 'b', q: 'What is the price of oil today?' },
      { conversation: 'a', q: 'How many of them are there?' },
      { conversation: 'c', q: 'What did Airbase 201 cost?', briefing: SEED_ID },
    ];
    const r = briefbot(['ask', '--json'], `${lines.map((l) => JSON.stringify(l)).join('\n')}\nnot json\n`);
    expect(r.code).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(5);
    expect(Object.keys(out[0]).sort()).toEqual(['answered', 'briefing', 'citations', 'confidence', 'conversation', 'q', 'text']);
    expect(out[0]).toMatchObject({ conversation: 'a', answered: true, briefing: SEED_ID });
    // The documented form: the Q&A pair, then the section it rests on.
    // A curated answer cites its Q&A pair and section ("qa:…", "section:…"), a passage its section only.
    expect(out[0].citations.at(-1)).toMatch(/^section:[a-z0-9-]+$/);
    for (const c of out[0].citations.slice(0, -1)) expect(c).toMatch(/^qa:[a-z0-9-]+$/);
    expect(out[0].text.toLowerCase()).toContain('russia');
    expect(out[1]).toMatchObject({ conversation: 'b', answered: false, citations: [] });
    expect(out[2].text).toMatch(/60/);
    expect(out[3].text).toMatch(/100m/);
    expect(out[4]).toMatchObject({ answered: false, error: 'invalid_input' });
  });

  it('ask with a question prints the answer and its source', () => {
    const r = briefbot(['ask', 'Why are US troops leaving Niger?']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Source: /);
    expect(r.stdout).toMatch(/junta/i);
  });

  it('check prints one line per file and exits 1 when one is broken', () => {
    const dir = join(work, 'briefings');
    cpSync(SEED_DIR, dir, { recursive: true });
    writeFileSync(join(dir, 'broken.md'), '---\nid: broken\ntitle: x\nstaus: draft\n---\n');
    const r = briefbot(['check', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`${SEED_ID}\\.md: ok`));
    expect(r.stdout).toMatch(/broken\.md:4: staus: unknown field/);
    expect(briefbot(['check', SEED_DIR]).code).toBe(0);
  });

  // Two spawns, the second composing the whole bot (WordNet, word vectors, wink-nlp): slow on a busy machine.
  it('brief prints a briefing at the chosen length; start runs the console until stdin closes', { timeout: 120_000 }, () => {
    const r = briefbot(['brief', SEED_ID, '--length', 'tldr']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Airbase 101');
    const s = briefbot(['start'], '/ask Which hangar are the Russians using?\nand where is that base?\n/help\n');
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(/separate hangar/);
    expect(s.stdout).toMatch(/Niamey/);
    expect(s.stdout).toMatch(/\/briefings/);
  });

  it('every command has --help', () => {
    for (const cmd of ['start', 'check', 'brief', 'ask']) expect(briefbot([cmd, '--help']).stdout).toMatch(/Usage: briefbot/);
  });
});
