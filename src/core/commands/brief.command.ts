import { BRIEFING_LENGTHS, type BriefingLength } from '../briefing/briefing.js';
import type { BriefingLibrary } from '../briefing/briefing-library.js';
import { ErrorCode, UserError } from '../errors.js';
import { briefingReply } from '../reply/replies.js';
import { suggestBriefings } from './briefing-choices.js';
import type { CommandDefinition } from './command.js';

export const TOPIC_MAX = 100;

export const briefCommand: CommandDefinition = {
  name: 'brief',
  description: 'Show a briefing: the latest, or the one matching a topic, at the length you choose.',
  usage: '[topic] [length:tldr|short|full]',
  options: [
    { name: 'topic', description: 'Briefing id or words from its title or tags', type: 'string', maxLength: TOPIC_MAX, suggest: suggestBriefings, rest: true },
    { name: 'length', description: 'tldr, short (default) or full', type: 'string', choices: BRIEFING_LENGTHS },
  ],
  // A briefing is posted in the channel for everyone to read.
  visibility: () => 'public',
  async run(args, ctx) {
    const briefing = findBriefing(ctx.core.library, args.topic as string | undefined);
    const length = (args.length as BriefingLength | undefined) ?? 'short';
    const conversation = ctx.conversation ?? ctx.core.newId();
    await ctx.core.conversations.begin(conversation, briefing.id);
    return briefingReply(briefing, length, conversation);
  },
};

/** An exact id, else the best search match, else (no topic) the most recent published briefing. */
export function findBriefing(library: BriefingLibrary, topic: string | undefined) {
  const briefing = topic ? (library.published(topic.trim().toLowerCase()) ?? library.search(topic, 1)[0]) : library.list()[0];
  if (!briefing) {
    throw new UserError(
      ErrorCode.BriefingNotFound,
      topic ? `No briefing matches "${topic}". Try /briefings to see what there is.` : 'No briefings are published yet.',
      { topic },
    );
  }
  return briefing;
}
