import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../../src/main.js';
import { testBot } from '../../helpers/bot.js';
import { type Expectation, meets, readQuestions } from '../../helpers/questions.js';

/**
 * Accuracy floors on our own question sets, just under what the engine scores today (see the
 * table at ANSWER_THRESHOLD), so a change that makes answering or refusing worse fails here.
 */
let app: Bot;
beforeAll(async () => {
  app = await testBot();
});
afterAll(() => app.stop());

async function score(file: string) {
  const tally = { answerable: [0, 0], refuse: [0, 0], followUps: [0, 0] };
  for (const [i, line] of readQuestions(file).entries()) {
    const turns: readonly Expectation[] = 'turns' in line ? line.turns : [line];
    for (const [k, turn] of turns.entries()) {
      const { answer } = await app.services.conversations.ask(turn.q, { conversation: `${file}-${i}`, platform: 'console' });
      const bucket = k > 0 ? tally.followUps : turn.refuse ? tally.refuse : tally.answerable;
      bucket[1] = (bucket[1] ?? 0) + 1;
      if (meets(turn, answer)) bucket[0] = (bucket[0] ?? 0) + 1;
    }
  }
  return Object.fromEntries(Object.entries(tally).map(([k, [ok = 0, n = 1]]) => [k, ok / n])) as Record<keyof typeof tally, number>;
}

describe('answer engine calibration', () => {
  it('seed set: answers most answerable questions and refuses most it cannot answer', async () => {
    const s = await score('seed-questions.jsonl');
    expect(s.answerable).toBeGreaterThanOrEqual(0.9);
    expect(s.refuse).toBeGreaterThanOrEqual(0.65);
    expect(s.followUps).toBeGreaterThanOrEqual(0.9);
  });

  it('held-out set: no collapse on phrasings never used for tuning', async () => {
    const s = await score('holdout-questions.jsonl');
    expect(s.answerable).toBeGreaterThanOrEqual(0.75);
    expect(s.refuse).toBeGreaterThanOrEqual(0.7);
    expect(s.followUps).toBeGreaterThanOrEqual(0.85);
  });
});
