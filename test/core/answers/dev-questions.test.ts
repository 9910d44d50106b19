import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../../src/main.js';
import { testBot } from '../../helpers/bot.js';
import { meets, readQuestions } from '../../helpers/questions.js';

// A copy of the shared dev questions, a smoke test: nearly all must give the expected result (the
// engine is fitted on sets about other briefings too, so a miss or two here is not a regression by itself).
const lines = readQuestions('dev-questions.jsonl');
let app: Bot;
beforeAll(async () => {
  app = await testBot();
});
afterAll(() => app.stop());

describe('dev questions about the seed briefing', () => {
  it('at most two of the 14 turns go wrong, and every answer is cited', async () => {
    const wrong: string[] = [];
    for (const line of lines) {
      const turns = 'turns' in line ? line.turns : [line];
      const conversation = `dev-${'turns' in line ? line.conversation : line.id}`;
      for (const turn of turns) {
        const { answer } = await app.services.conversations.ask(turn.q, { conversation, platform: 'console' });
        if (!meets(turn, answer)) wrong.push(`${turn.q} → ${answer.answered ? answer.text : 'refused'}`);
        if (answer.answered) expect(answer.citation).toMatchObject({ briefingId: expect.any(String), sectionId: expect.any(String) });
      }
    }
    expect(wrong.length, wrong.join('\n')).toBeLessThanOrEqual(2);
  });
});
