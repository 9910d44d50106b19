import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { seedApp } from '../../helpers/app.js';
import { meets, readQuestions } from '../../helpers/questions.js';

// A copy of the shared dev questions: every one must give the expected result.
const lines = readQuestions('dev-questions.jsonl');
let app: App;
beforeAll(async () => {
  app = await seedApp();
});
afterAll(() => app.close());

describe('dev questions about the seed briefing', () => {
  for (const line of lines) {
    const turns = 'turns' in line ? line.turns : [line];
    const name = 'turns' in line ? `conversation ${line.conversation}` : `${line.id}: ${line.q}`;
    it(name, () => {
      const conversation = `dev-${name}`;
      for (const turn of turns) {
        const answer = app.core.answers.answer(turn.q, { conversation });
        expect(meets(turn, answer), `${turn.q} → ${answer.answered ? answer.text : 'refused'}`).toBe(true);
        if (answer.answered) expect(answer.citations.length).toBeGreaterThan(0);
      }
    });
  }
});
