import { describe, expect, it } from 'vitest';
import type { FeedbackRecord } from '../../../src/core/ports/storage.js';
import type { ContractContext } from '../store-contract.js';
import { at, MINUTE } from './fixtures.js';

const feedback = (question: string, helpful: boolean, atMs: number, extra: Partial<FeedbackRecord> = {}): FeedbackRecord => ({
  platform: 'discord',
  user: 'u1',
  conversation: 'c1',
  question,
  answer: `answer to ${question}`,
  briefing: 'niger-troops',
  citation: { briefingId: 'niger-troops', sectionId: 'summary', qaId: 'how-many' },
  helpful,
  at: at(atMs),
  ...extra,
});

export function feedbackContract(ctx: ContractContext): void {
  describe('feedback', () => {
    it('round-trips every field, with a structured citation or none', async () => {
      const { store } = await ctx.fresh();
      const cited = feedback('q1', true, 0);
      const uncited: FeedbackRecord = { ...feedback('q2', false, MINUTE, { conversation: null, briefing: null, platform: 'slack' }) };
      delete (uncited as { citation?: unknown }).citation;
      const sectionOnly = feedback('q3', true, 2 * MINUTE, { citation: { briefingId: 'b', sectionId: 'timeline' } });
      for (const f of [cited, uncited, sectionOnly]) await store.feedback.record(f);
      expect(await store.feedback.list()).toEqual([sectionOnly, uncited, cited]);
    });

    it('lists newest first (same time: last recorded first), filtered by helpful and since, up to a limit', async () => {
      const { store } = await ctx.fresh();
      await store.feedback.record(feedback('old-good', true, 0));
      await store.feedback.record(feedback('bad', false, MINUTE));
      await store.feedback.record(feedback('good', true, 2 * MINUTE));
      await store.feedback.record(feedback('good-too', true, 2 * MINUTE));
      const questions = async (options?: Parameters<typeof store.feedback.list>[0]) => (await store.feedback.list(options)).map((f) => f.question);
      expect(await questions()).toEqual(['good-too', 'good', 'bad', 'old-good']);
      expect(await questions({ helpful: false })).toEqual(['bad']);
      expect(await questions({ helpful: true })).toEqual(['good-too', 'good', 'old-good']);
      expect(await questions({ since: at(MINUTE) })).toEqual(['good-too', 'good', 'bad']);
      expect(await questions({ helpful: true, since: at(MINUTE) })).toEqual(['good-too', 'good']);
      expect(await questions({ limit: 2 })).toEqual(['good-too', 'good']);
    });
  });

  describe('unanswered questions', () => {
    it('are listed newest first, since a time, up to a limit', async () => {
      const { store } = await ctx.fresh();
      const entry = (question: string, atMs: number) => ({ platform: 'slack', conversation: 'c1', question, briefing: 'niger-troops', at: at(atMs) });
      await store.unanswered.record(entry('population?', 0));
      await store.unanswered.record({ ...entry('weather?', MINUTE), conversation: null, briefing: null });
      await store.unanswered.record(entry('capital?', 2 * MINUTE));
      expect(await store.unanswered.list()).toEqual([
        entry('capital?', 2 * MINUTE),
        { ...entry('weather?', MINUTE), conversation: null, briefing: null },
        entry('population?', 0),
      ]);
      expect((await store.unanswered.list({ since: at(MINUTE) })).map((u) => u.question)).toEqual(['capital?', 'weather?']);
      expect((await store.unanswered.list({ limit: 1 })).map((u) => u.question)).toEqual(['capital?']);
    });
  });
}
