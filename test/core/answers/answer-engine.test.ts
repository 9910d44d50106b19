import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnswerEngine, REFUSAL } from '../../../src/core/answers/answer-engine.js';
import type { Briefing } from '../../../src/core/briefing/briefing.js';
import { BriefingLibrary } from '../../../src/core/briefing/briefing-library.js';
import { parseBriefing } from '../../../src/core/briefing/parse-briefing.js';
import { SEED_DIR, SEED_ID, seedApp } from '../../helpers/app.js';

const seedText = readFileSync(join(SEED_DIR, `${SEED_ID}.md`), 'utf8');
const parse = (text: string): Briefing => {
  const r = parseBriefing(text, 'x.md');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.briefing;
};
const seed = parse(seedText);

/** A second, unrelated briefing written in the same format. */
const other = parse(`---
id: rhine-flood-2024
title: Rhine flood closes shipping near Cologne
status: published
published: 2024-06-02T09:00:00Z
tags: [germany, weather, shipping]
source:
  publication: Example Wire
  url: https://example.com/rhine-flood
  published: 2024-06-02
tldr: High water on the Rhine closed shipping near Cologne for three days.
summary: Heavy rain raised the Rhine above the navigation limit at Cologne, halting barge traffic for three days.
key_points:
  - Barge traffic near Cologne stopped for three days.
qa:
  - id: how-long-closed
    question: How long was shipping on the Rhine closed?
    alternatives: [For how many days did barges stop near Cologne?, How long did the Rhine closure last?]
    answer: Shipping near Cologne was halted for three days.
    section: summary
---
`);

describe('AnswerEngine', () => {
  const engine = new AnswerEngine(new BriefingLibrary([seed, other]));

  it('answers from a curated Q&A pair and cites it and its section', () => {
    const a = engine.answer('How many US troops are in Niger?');
    expect(a.answered).toBe(true);
    expect(a.briefing).toBe(SEED_ID);
    expect(a.text).toMatch(/1,000/);
    expect(a.citations[0]).toMatch(/^qa:/);
    expect(a.citations[1]).toMatch(/^section:/);
    expect(a.confidence).toBeGreaterThan(0.5);
  });

  it('text is always verbatim from the briefing', () => {
    for (const q of ['Who entered the airbase?', 'What did Airbase 201 cost?', 'Where is Agadez?']) {
      const a = engine.answer(q);
      expect(a.answered).toBe(true);
      expect(seedText.replace(/\s+/g, ' ')).toContain(a.text.replace(/^[^:]+: /, '').slice(0, 40));
    }
  });

  it('refuses what no briefing covers, with two or three questions it can answer', () => {
    const a = engine.answer('What is the population of Niger?');
    expect(a.answered).toBe(false);
    expect(a.text).toBe(REFUSAL);
    expect(a.citations).toEqual([]);
    expect(a.suggestions.length).toBeGreaterThanOrEqual(2);
    expect(a.suggestions.length).toBeLessThanOrEqual(3);
  });

  it('routes each question to the briefing it is about', () => {
    expect(engine.answer('How long was the Rhine closed to barges?').briefing).toBe('rhine-flood-2024');
    expect(engine.answer('Which hangar are the Russians using?').briefing).toBe(SEED_ID);
  });

  it('honours an explicit briefing and rejects an unknown one', () => {
    const a = engine.answer('How long was the Rhine closed?', { briefing: SEED_ID });
    expect(a.briefing).toBe(SEED_ID);
    expect(a.answered).toBe(false);
    expect(() => engine.answer('x', { briefing: 'nope' })).toThrow(/No published briefing/);
  });

  it('prefers the more recent briefing when two answer equally well', () => {
    const newer = parse(seedText.replace(`id: ${SEED_ID}`, 'id: seed-copy').replace(/^updated: .*$/m, 'updated: 2024-05-04T12:00:00Z'));
    const both = new AnswerEngine(new BriefingLibrary([seed, newer]));
    expect(both.answer('Which hangar are the Russians using?').briefing).toBe('seed-copy');
  });

  it('resolves follow-ups against the earlier turn', () => {
    const first = engine.answer('Who entered Airbase 101?');
    const second = engine.answer('How many of them are there?', { context: first.context! });
    expect(second.answered).toBe(true);
    expect(second.text).toMatch(/60/);
    const third = engine.answer('Was that number verified?', { context: second.context! });
    expect(third.text).toMatch(/verif/);
  });

  it('drafts are not served', () => {
    const draft = parse(seedText.replace(`id: ${SEED_ID}`, 'id: draft-one').replace('status: published', 'status: draft'));
    const lib = new BriefingLibrary([draft]);
    expect(new AnswerEngine(lib).answer('Which hangar are the Russians using?').answered).toBe(false);
    expect(lib.list()).toEqual([]);
  });
});

describe('conversations', () => {
  it('a refused first question still opens the conversation, so its buttons work', async () => {
    const app = await seedApp();
    const a = app.core.answers.answer('What is the price of bananas in Peru?', { conversation: 'r1' });
    expect(a.answered).toBe(false);
    expect(app.core.answers.has('r1')).toBe(true);
    await app.close();
  });
});

describe('conversations survive a restart', () => {
  it('a follow-up asked after reopening the database still resolves', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-db-'));
    const database = join(dir, 'briefbot.db');
    try {
      const first = await seedApp({ database });
      first.core.answers.answer('Where is Airbase 201?', { conversation: 'c1' });
      await first.close();
      const second = await seedApp({ database });
      const a = second.core.answers.answer('How much did it cost?', { conversation: 'c1' });
      await second.close();
      expect(a.answered).toBe(true);
      expect(a.text).toMatch(/100m/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
