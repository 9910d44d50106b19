import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../../src/main.js';
import { testBot } from '../../helpers/bot.js';
import { meets, readQuestions } from '../../helpers/questions.js';

// A copy of the shared dev questions: every one must give the expected result.
const lines = readQuestions('dev-questions.jsonl');
let app: Bot;
beforeAll(async () => {
  app = await testBot();
});
afterAll(() => app.stop());

describe('dev questions about the seed briefing', () => {
  for (const line of lines) {
    const turns = 'turns' in line ? line.turns : [line];
    const name = 'turns' in line ? `conversation ${line.conversation}` : `${line.id}: ${line.q}`;
    it(name, async () => {
      const conversation = `dev-${name}`;
      for (const turn of turns) {
        const { answer } = await app.services.conversations.ask(turn.q, { conversation, platform: 'console' });
        expect(meets(turn, answer), `${turn.q} → ${answer.answered ? answer.text : 'refused'}`).toBe(true);
        if (answer.answered) expect(answer.citation).toMatchObject({ briefingId: expect.any(String), sectionId: expect.any(String) });
      }
    });
  }
});
