import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnswerEngine, REFUSAL } from '../../../src/core/answers/answer-engine.js';
import type { Briefing } from '../../../src/core/briefing/briefing.js';
import { BriefingLibrary } from '../../../src/core/briefing/briefing-library.js';
import { parseBriefing } from '../../../src/core/briefing/parse-briefing.js';
import { KEPT_ANSWERS } from '../../../src/core/conversations/conversation-service.js';
import type { Bot } from '../../../src/main.js';
import { SEED_DIR, SEED_ID, testBot } from '../../helpers/bot.js';

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

  it('answers a paraphrase of a curated question with its curated answer, citing the pair and its section', () => {
    const a = engine.answer('Which base in Niger have Russian forces entered?');
    expect(a.answered).toBe(true);
    expect(a.briefing).toBe(SEED_ID);
    expect(a.citation).toEqual({ briefingId: SEED_ID, sectionId: expect.any(String), qaId: expect.any(String) });
    expect(a.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('answers from any part of the briefing, citing the section', () => {
    const a = engine.answer('How many US troops are in Niger?');
    expect(a.text).toMatch(/1,000/);
    expect(a.citation).toMatchObject({ briefingId: SEED_ID, sectionId: expect.any(String) });
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
    expect(a.citation).toBeUndefined();
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
  const ask = (app: Bot, q: string, conversation: string) => app.services.conversations.ask(q, { conversation, platform: 'console' });

  it('a refused first question still opens the conversation, so its buttons work', async () => {
    const app = await testBot();
    const { answer } = await ask(app, 'What is the price of bananas in Peru?', 'r1');
    expect(answer.answered).toBe(false);
    expect(await app.core.hasConversation('r1')).toBe(true);
    await app.stop();
  });

  it('a refused question is recorded for the editors, with the briefing it was routed to and where it was asked', async () => {
    const app = await testBot();
    await ask(app, 'How many US troops are in Niger?', 'r2');
    const { answer } = await ask(app, 'What is the population of Niger?', 'r2');
    expect(answer.answered).toBe(false);
    const recorded = await app.services.store.unanswered.list();
    expect(recorded).toEqual([
      { platform: 'console', conversation: 'r2', question: 'What is the population of Niger?', briefing: SEED_ID, at: expect.any(Date) },
    ]);
    await app.stop();
  });

  it('each turn is kept with its citation under its own id, the latest ten of them', async () => {
    const app = await testBot();
    const first = await ask(app, 'How many US troops are in Niger?', 'r3');
    expect(await app.services.conversations.findAnswer('r3', first.answerId)).toEqual({
      id: first.answerId,
      question: 'How many US troops are in Niger?',
      text: first.answer.text,
      answered: true,
      briefingId: SEED_ID,
      citation: first.answer.citation,
    });
    const later = [];
    for (let i = 0; i < KEPT_ANSWERS; i++) later.push(await ask(app, 'Who entered the airbase?', 'r3'));
    expect(new Set(later.map((t) => t.answerId)).size).toBe(KEPT_ANSWERS);
    expect(await app.services.conversations.findAnswer('r3', first.answerId)).toBeUndefined();
    expect(await app.services.conversations.findAnswer('r3', later[0]?.answerId ?? '')).toMatchObject({ question: 'Who entered the airbase?' });
    await app.stop();
  });
});

describe('conversations survive a restart', () => {
  it('a follow-up asked after reopening the database still resolves', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-db-'));
    const database = join(dir, 'briefbot.db');
    try {
      const first = await testBot({ database });
      await first.services.conversations.ask('Where is Airbase 201?', { conversation: 'c1', platform: 'console' });
      await first.stop();
      const second = await testBot({ database });
      const { answer } = await second.services.conversations.ask('How much did it cost?', { conversation: 'c1', platform: 'console' });
      await second.stop();
      expect(answer.answered).toBe(true);
      expect(answer.text).toMatch(/100m/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
