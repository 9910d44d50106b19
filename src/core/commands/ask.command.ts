import { answerReply } from '../reply/replies.js';
import type { Visibility } from '../reply/reply.js';
import { suggestBriefings } from './briefing-choices.js';
import type { Args, CommandDefinition } from './command.js';

/** Discord caps option values at 6000; a question longer than this is not a question. */
export const QUESTION_MAX = 500;

const visibility = (args: Args): Visibility => (args.public ? 'public' : 'private');

export const askCommand: CommandDefinition = {
  name: 'ask',
  description: 'Ask a question; the answer comes from the briefings, with a citation.',
  usage: '<question> [briefing:<id>] [public:true]',
  options: [
    { name: 'question', description: 'Your question', type: 'string', required: true, maxLength: QUESTION_MAX, rest: true },
    { name: 'briefing', description: 'Answer from this briefing only', type: 'string', maxLength: 100, suggest: suggestBriefings },
    { name: 'public', description: 'Post the answer in the channel instead of only to you', type: 'boolean' },
  ],
  visibility,
  async run(args, ctx) {
    const question = args.question as string;
    const conversation = ctx.conversation ?? ctx.core.newId();
    const briefingId = args.briefing as string | undefined;
    const turn = await ctx.core.conversations.ask(question, { conversation, platform: ctx.caller.platform, ...(briefingId ? { briefing: briefingId } : {}) });
    const briefing = turn.answer.briefing ? ctx.core.library.published(turn.answer.briefing) : undefined;
    return answerReply(question, turn, briefing, conversation, visibility(args));
  },
};
