import { answerReply } from '../reply/replies.js';
import type { CommandDefinition } from './command.js';

/** Discord caps option values at 6000; a question longer than this is not a question. */
export const QUESTION_MAX = 500;

export const askCommand: CommandDefinition = {
  name: 'ask',
  description: 'Ask a question; the answer comes from the briefings, with a citation.',
  usage: '<question> [briefing:<id>] [public:true]',
  options: [
    { name: 'question', description: 'Your question', type: 'string', required: true, maxLength: QUESTION_MAX, rest: true },
    { name: 'briefing', description: 'Answer from this briefing only', type: 'string', maxLength: 100, autocomplete: 'briefing' },
    { name: 'public', description: 'Post the answer in the channel instead of only to you', type: 'boolean' },
  ],
  run(args, ctx) {
    const question = args.question as string;
    const conversation = ctx.conversation ?? ctx.core.newId();
    const briefingId = args.briefing as string | undefined;
    const answer = ctx.core.answers.answer(question, { conversation, ...(briefingId ? { briefing: briefingId } : {}) });
    const briefing = answer.briefing ? ctx.core.library.published(answer.briefing) : undefined;
    return answerReply(question, answer, briefing, conversation, args.public ? 'public' : 'private');
  },
};
